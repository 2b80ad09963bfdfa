using Loyalty.Server.Imports.Cli;

namespace Loyalty.Server.Tests.ImportCli;

public sealed class ImportProgressTests
{
    private static ImportStatus Running(long read, long rejected = 0) => new(ImportStatus.Running, read, read - rejected, 0, rejected, []);

    [Fact]
    public void While_the_file_is_sent_the_share_and_time_left_come_from_the_bytes_and_the_rate_from_the_lines_sent()
    {
        var progress = new ImportProgress(FileBytes: 1_000_000, BytesSent: 250_000, LinesSent: 2_500, Uploaded: false, Status: null, TimeSpan.FromSeconds(5));

        Assert.Equal(0.25, progress.Fraction);
        Assert.Equal(2_500, progress.Lines);
        Assert.Equal(500, progress.Rate);
        Assert.Equal(TimeSpan.FromSeconds(15), progress.TimeLeft);
        Assert.Equal("[######..................]  25%  2,500 lines  500 lines/s  0 errors  0:15 left", progress.Bar());
        Assert.Equal("25%  2,500 lines  500 lines/s  0 errors  0:15 left", progress.Line());
    }

    [Fact]
    public void Once_sent_the_engines_lines_read_of_the_lines_sent_drive_the_bar_and_its_rejected_lines_are_the_errors()
    {
        var progress = new ImportProgress(1_000_000, 1_000_000, 10_000, Uploaded: true, Running(8_000, rejected: 1), TimeSpan.FromSeconds(80));

        Assert.Equal(0.8, progress.Fraction, 6);
        Assert.Equal(100, progress.Rate);
        Assert.Equal(1, progress.Errors);
        Assert.Equal(TimeSpan.FromSeconds(20), progress.TimeLeft);
        Assert.Equal("[###################.....]  80%  8,000 lines  100 lines/s  1 error  0:20 left", progress.Bar());
    }

    [Fact]
    public void A_finished_import_is_whole_with_nothing_left_and_a_start_without_pace_has_no_time_left()
    {
        var done = new ImportProgress(10, 10, 1, true, new ImportStatus(ImportStatus.Done, 1, 0, 0, 1, []), TimeSpan.FromSeconds(1));
        Assert.Equal(1, done.Fraction);
        Assert.Equal(TimeSpan.Zero, done.TimeLeft);
        Assert.Equal("100%  1 line  1 lines/s  1 error  0:00 left", done.Line());

        var start = new ImportProgress(1_000, 0, 0, false, null, TimeSpan.Zero);
        Assert.Equal(0, start.Rate);
        Assert.Null(start.TimeLeft);
        Assert.EndsWith("0 lines/s  0 errors  --:-- left", start.Bar());
        Assert.Equal(0, new ImportProgress(0, 0, 0, false, null, TimeSpan.FromSeconds(1)).Fraction);
    }

    [Fact]
    public void The_engine_reading_ahead_of_the_newlines_counted_never_shows_more_than_the_whole()
    {
        var progress = new ImportProgress(100, 100, 3, true, Running(4), TimeSpan.FromSeconds(1));
        Assert.Equal(1, progress.Fraction);
        Assert.StartsWith("[########################] 100%", progress.Bar());
    }

    [Fact]
    public void The_percent_is_rounded_down_so_that_100_means_done()
    {
        var almost = new ImportProgress(100, 100, 1_000_000, true, Running(996_000), TimeSpan.FromSeconds(188));
        Assert.StartsWith("99%  996,000 lines", almost.Line());
        Assert.Equal(TimeSpan.FromSeconds(1), almost.TimeLeft);
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(0.2, "0:01")]
    [InlineData(59, "0:59")]
    [InlineData(61, "1:01")]
    [InlineData(3599, "59:59")]
    [InlineData(3600, "1:00:00")]
    [InlineData(90061, "25:01:01")]
    public void Durations_are_minutes_and_seconds_then_hours(double seconds, string text) =>
        Assert.Equal(text, ImportProgress.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1_234_567, "1,234,567")]
    public void Counts_are_grouped_by_thousands(long n, string text) => Assert.Equal(text, ImportProgress.Count(n));
}
