namespace Loyalty.Server.Imports.Cli;

/// <summary>
/// The command line of <c>dotnet Loyalty.Server.dll import members|sales FILE [options]</c>; the engine's address and
/// operations key may come from the environment (<c>LOYALTY_URL</c>, <c>LOYALTY_KEY</c>) so that the key stays out of
/// the shell's history and the process list.
/// </summary>
public sealed record ImportCommandOptions(string Kind, string File, Uri Url, string Key, bool DryRun, bool AwardPoints, TimeSpan PollInterval)
{
    public const string Usage = """
        usage: dotnet Loyalty.Server.dll import members|sales FILE [options]

        Sends FILE (NDJSON: .ndjson or .jsonl; CSV: .csv) to a running engine's import API, shows its progress and
        the first rejected lines. Sending the same file again changes nothing, so an import cut short is resumed by
        running the same command again.

          --url URL        the engine (default: LOYALTY_URL, else http://localhost:5080)
          --key KEY        an operations API key (default: LOYALTY_KEY)
          --dry-run        check every line and report the rejected ones; change nothing
          --award-points   sales only: award the points of each imported sale (by default history brings no points)

        Exit codes: 0 done with no rejected line, 1 done with rejected lines, 2 failed, refused or unreachable.
        """;

    public static readonly string[] Kinds = ["members", "sales"];

    public string ContentType => Path.GetExtension(File).ToLowerInvariant() switch
    {
        ".csv" => "text/csv",
        _ => "application/x-ndjson",
    };

    public string RequestPath => $"api/imports/{Kind}"
        + (DryRun || AwardPoints ? "?" + string.Join('&', new[] { DryRun ? "dryRun=true" : null, AwardPoints ? "awardPoints=true" : null }.OfType<string>()) : "");

    /// <summary>Reads the arguments after <c>import</c>; throws <see cref="ArgumentException"/> with what is wrong.</summary>
    public static ImportCommandOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var positional = new List<string>();
        string? url = null, key = null;
        bool dryRun = false, awardPoints = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--dry-run": dryRun = true; break;
                case "--award-points": awardPoints = true; break;
                case "--url" or "--key":
                    if (i + 1 >= args.Count)
                        throw new ArgumentException($"{args[i]} needs a value");
                    if (args[i] == "--url")
                        url = args[++i];
                    else
                        key = args[++i];
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    throw new ArgumentException($"unknown option '{option}'");
                default: positional.Add(args[i]); break;
            }
        }
        if (positional.Count != 2)
            throw new ArgumentException("name what to import (members or sales) and the file");
        var kind = positional[0];
        if (!Kinds.Contains(kind, StringComparer.Ordinal))
            throw new ArgumentException($"'{kind}' is not something to import: members or sales");
        if (awardPoints && kind != "sales")
            throw new ArgumentException("--award-points is for sales only (a members line brings its opening balance)");
        var extension = Path.GetExtension(positional[1]).ToLowerInvariant();
        if (extension is not (".csv" or ".ndjson" or ".jsonl"))
            throw new ArgumentException($"'{positional[1]}' is neither NDJSON (.ndjson, .jsonl) nor CSV (.csv)");
        url ??= environment("LOYALTY_URL") is { Length: > 0 } fromEnvironment ? fromEnvironment : "http://localhost:5080";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--url '{url}' is not an http(s) address");
        key ??= environment("LOYALTY_KEY");
        if (string.IsNullOrWhiteSpace(key))
            throw new ArgumentException("no operations key: pass --key or set LOYALTY_KEY");
        return new ImportCommandOptions(kind, positional[1], uri, key, dryRun, awardPoints, TimeSpan.FromMilliseconds(500));
    }
}
