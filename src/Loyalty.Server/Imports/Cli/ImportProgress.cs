using System.Globalization;

namespace Loyalty.Server.Imports.Cli;

/// <summary>
/// Where an import stands, as the command line shows it: the file sent so far, and what the engine reported of it.
/// Pure: the rate, the time left and the text come from these figures alone.
/// </summary>
/// <param name="FileBytes">The file's size.</param>
/// <param name="BytesSent">The bytes of the file sent so far.</param>
/// <param name="LinesSent">The lines sent so far (a last line without a newline counts once the file is sent).</param>
/// <param name="Uploaded">Whether the whole file is sent.</param>
/// <param name="Status">The engine's last answer about the import; null until it gave one.</param>
/// <param name="Elapsed">The time since the import started.</param>
public sealed record ImportProgress(long FileBytes, long BytesSent, long LinesSent, bool Uploaded, ImportStatus? Status, TimeSpan Elapsed)
{
    private const int BarWidth = 24;

    /// <summary>The lines done: those the engine read, or those sent before it says.</summary>
    public long Lines => Status?.LinesRead ?? LinesSent;

    public long Errors => Status?.Rejected ?? 0;

    /// <summary>Lines per second since the start; 0 before the first second's tenth.</summary>
    public double Rate => Elapsed.TotalSeconds >= 0.1 ? Lines / Elapsed.TotalSeconds : 0;

    /// <summary>The share done, 0 to 1: of the bytes while the file is being sent, then of the lines sent that the engine has read.</summary>
    public double Fraction
    {
        get
        {
            if (Status is { State: not ImportStatus.Running })
                return 1;
            if (!Uploaded)
                return FileBytes <= 0 ? 0 : Math.Clamp((double)BytesSent / FileBytes, 0, 1);
            if (Status is null || LinesSent <= 0)
                return 1;
            return Math.Clamp((double)Status.LinesRead / LinesSent, 0, 1);
        }
    }

    /// <summary>The time left at the pace so far; null while there is no pace to go by.</summary>
    public TimeSpan? TimeLeft
    {
        get
        {
            var fraction = Fraction;
            if (fraction >= 1)
                return TimeSpan.Zero;
            if (fraction <= 0 || Elapsed <= TimeSpan.Zero)
                return null;
            return TimeSpan.FromSeconds(Math.Ceiling(Elapsed.TotalSeconds * (1 - fraction) / fraction));
        }
    }

    /// <summary>One line to redraw in place on a terminal: a bar, the share, lines, rate, errors and time left.</summary>
    public string Bar()
    {
        var filled = (int)Math.Floor(Fraction * BarWidth);
        return $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {Percent,3}%  {Figures()}";
    }

    /// <summary>One line to print now and then when the output is not a terminal.</summary>
    public string Line() => $"{Percent}%  {Figures()}";

    /// <summary>The whole percent done, rounded down: 100 only once all is done.</summary>
    private int Percent => (int)Math.Floor(Fraction * 100 + 1e-9);

    private string Figures() =>
        $"{Count(Lines)} {(Lines == 1 ? "line" : "lines")}  {Count((long)Math.Round(Rate))} lines/s  {Count(Errors)} {(Errors == 1 ? "error" : "errors")}  {Left()}";

    private string Left() => TimeLeft is { } left ? $"{Duration(left)} left" : "--:-- left";

    public static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>m:ss, or h:mm:ss from an hour.</summary>
    public static string Duration(TimeSpan t)
    {
        var seconds = (long)Math.Ceiling(Math.Max(0, t.TotalSeconds));
        return seconds >= 3600
            ? $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}"
            : $"{seconds / 60}:{seconds % 60:00}";
    }
}
