using System.Globalization;

namespace Loyalty.InsightsData;

/// <summary>The command line of the console: <c>--option value</c> pairs.</summary>
internal sealed record SenderOptions(Uri Url, string Key, int Members, int Seed, int Concurrency, DateTimeOffset AsOf,
    bool DryRun, TimeSpan Timeout, bool Help, string? MarketingKey = null, string? WriteTo = null, ImportFormat Format = ImportFormat.Ndjson,
    long? Sales = null)
{
    public const string Usage = """
        usage: Loyalty.InsightsData [options]

        Generates a year of purchases for --members members with planted behaviour changes (lapsed, aov-falling,
        category-dropped, lost, new; the rest steady), prints how many of each, and sends them to a running engine:
        each member is enrolled (PUT /api/members/{id}), then their purchases are posted with their occurredAt.
        The engine must take purchases a year old: run it with Loyalty:Program:TransactionWindowDays=366.

          --url URL            http://localhost:5080  the engine (loopback only, see --allow-remote)
          --key KEY            dev-till-key           a till key
          --members N          1000                   members to generate (1 to 1000000)
          --seed N             1                      the seed: the same seed and asOf give the same data
          --concurrency N      8                      members being sent at once (1 to 256)
          --as-of TIME         now                    the moment the year of purchases ends (ISO 8601, at most now)
          --dry-run                                   generate and print the counts, send nothing
          --timeout SECONDS    3600                   stop sending after this long (1 to 86400)
          --allow-remote                              allow a --url that is not a loopback address
          --marketing-key KEY                         then wait (within --timeout) until the engine's insights read
                                                      model holds the purchases sent, asking its marketing API

        Or writes the files of an import instead of sending (nothing is sent; --url and --key are ignored):
          --write DIR                                 write DIR/members.EXT and DIR/sales.EXT, streamed, for
                                                      `dotnet Loyalty.Server.dll import members|sales FILE`
          --format ndjson|csv  ndjson                 the files' format (EXT)
          --sales N                                   at most N sales: each member keeps their latest
                                                      N / members or so purchases (1 to 100000000)
        """;

    public static SenderOptions Parse(IReadOnlyList<string> args, DateTimeOffset now)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool dryRun = false, allowRemote = false, help = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--dry-run": dryRun = true; continue;
                case "--allow-remote": allowRemote = true; continue;
                case "--help" or "-h": help = true; continue;
                case "--url" or "--key" or "--members" or "--seed" or "--concurrency" or "--as-of" or "--timeout" or "--marketing-key"
                    or "--write" or "--format" or "--sales":
                    if (i + 1 >= args.Count)
                        throw new ArgumentException($"{args[i]} needs a value");
                    values[args[i]] = args[++i];
                    continue;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        var url = new Uri(values.GetValueOrDefault("--url", "http://localhost:5080"), UriKind.Absolute);
        if (!url.IsLoopback && !allowRemote)
            throw new ArgumentException($"--url {url} is not a loopback address; pass --allow-remote to send to it anyway");
        var key = values.GetValueOrDefault("--key", "dev-till-key");
        if (string.IsNullOrWhiteSpace(key))
            throw new ArgumentException("--key must not be empty");
        var asOf = values.TryGetValue("--as-of", out var text)
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed.ToUniversalTime()
                : throw new ArgumentException($"--as-of '{text}' is not an ISO 8601 time")
            : new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        if (asOf > now.AddMinutes(5))
            throw new ArgumentException("--as-of must not be in the future: the engine refuses purchases that have not occurred yet");
        return new SenderOptions(url, key,
            Int(values, "--members", 1000, 1, 1_000_000),
            Int(values, "--seed", 1, int.MinValue, int.MaxValue),
            Int(values, "--concurrency", 8, 1, 256),
            asOf, dryRun,
            TimeSpan.FromSeconds(Int(values, "--timeout", 3600, 1, 86_400)),
            help,
            values.TryGetValue("--marketing-key", out var marketing)
                ? string.IsNullOrWhiteSpace(marketing) ? throw new ArgumentException("--marketing-key must not be empty") : marketing
                : null,
            values.TryGetValue("--write", out var write)
                ? string.IsNullOrWhiteSpace(write) ? throw new ArgumentException("--write must name a directory") : write
                : null,
            values.GetValueOrDefault("--format", "ndjson") switch
            {
                "ndjson" => ImportFormat.Ndjson,
                "csv" => ImportFormat.Csv,
                var other => throw new ArgumentException($"--format must be ndjson or csv (got '{other}')"),
            },
            values.ContainsKey("--sales") ? Int(values, "--sales", 0, 1, 100_000_000) : null);
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ArgumentException($"{name} must be an integer from {min} to {max} (got '{text}')");
        return value;
    }
}
