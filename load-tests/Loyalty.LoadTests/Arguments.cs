using System.Globalization;

namespace Loyalty.LoadTests;

internal enum Scenario { Latency, Push, Ceiling }

internal enum PushProtocol { Json, MessagePack }

/// <summary>The command line: a scenario name, then <c>--option value</c> pairs.</summary>
internal sealed record Arguments(
    Scenario Scenario,
    Uri Url,
    string Key,
    int Count,
    int Warmup,
    int Watchers,
    int Concurrency,
    PushProtocol Protocol,
    TimeSpan EventWait,
    TimeSpan Timeout,
    string? JsonPath,
    string Path,
    bool Help)
{
    public const string Usage = """
        usage: Loyalty.LoadTests [latency|push|ceiling] [options]

          latency   sequential purchases on one fresh member, each awaited before the next (the default)
          push      purchases spread over watched members; time from the HTTP answer to the SignalR event
          ceiling   sequential GETs of an endpoint that does no work: the HTTP floor under every other figure

        options                       default                 scenario
          --url URL                   http://localhost:5080   all      the engine (loopback only, see --allow-remote)
          --key KEY                   dev-till-key            all      a till key
          --count N                   1000                    all      measured purchases or requests (1 to 100000)
          --json PATH                                         all      also write the report as JSON to PATH
          --timeout SECONDS           300                     all      stop the whole run after this long
          --allow-remote                                      all      allow a --url that is not a loopback address
          --warmup N                  100                     latency, ceiling  calls sent first and not measured
          --path PATH                 /health/live            ceiling  the endpoint to GET
          --watchers N                100                     push     SignalR connections, one watched member each (1 to 5000)
          --concurrency N             8                       push     purchases in flight at once (1 to 256)
          --protocol json|messagepack json                    push     the hub protocol
          --event-wait SECONDS        5                       push     how long to wait for late events after the last answer
        """;

    private static readonly Dictionary<string, Scenario[]?> Options = new(StringComparer.Ordinal)
    {
        ["--url"] = null, ["--key"] = null, ["--count"] = null, ["--json"] = null, ["--timeout"] = null,
        ["--warmup"] = [Scenario.Latency, Scenario.Ceiling],
        ["--path"] = [Scenario.Ceiling],
        ["--watchers"] = [Scenario.Push], ["--concurrency"] = [Scenario.Push], ["--protocol"] = [Scenario.Push],
        ["--event-wait"] = [Scenario.Push],
    };

    public static Arguments Parse(string[] args)
    {
        var scenario = Scenario.Latency;
        var start = 0;
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            scenario = args[0] switch
            {
                "latency" => Scenario.Latency,
                "push" => Scenario.Push,
                "ceiling" => Scenario.Ceiling,
                _ => throw new ArgumentException($"unknown scenario '{args[0]}' (latency, push or ceiling)"),
            };
            start = 1;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = false;
        var allowRemote = false;
        for (var i = start; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                help = true;
                continue;
            }
            if (name == "--allow-remote")
            {
                allowRemote = true;
                continue;
            }
            if (!Options.TryGetValue(name, out var only))
                throw new ArgumentException($"unknown option '{name}'");
            if (only is { } o && !o.Contains(scenario))
                throw new ArgumentException(
                    $"{name} applies to the {string.Join(" and ", o.Select(s => s.ToString().ToLowerInvariant()))} scenario{(o.Length > 1 ? "s" : "")} only");
            if (i + 1 >= args.Length)
                throw new ArgumentException($"{name} needs a value");
            values[name] = args[++i];
        }

        string Text(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;

        int Number(string name, int fallback, int min, int max)
        {
            if (!values.TryGetValue(name, out var text))
                return fallback;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                throw new ArgumentException($"{name} must be a whole number from {min} to {max}, not '{text}'");
            return n;
        }

        if (!Uri.TryCreate(Text("--url", "http://localhost:5080"), UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https"))
            throw new ArgumentException("--url must be an absolute http or https address");
        var path = Text("--path", "/health/live");
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal))
            throw new ArgumentException("--path must be a path on --url, starting with a single '/'");
        if (!url.IsLoopback && !allowRemote)
            throw new ArgumentException($"--url {url} is not a loopback address; pass --allow-remote to drive it anyway");

        var protocol = Text("--protocol", "json") switch
        {
            "json" => PushProtocol.Json,
            "messagepack" => PushProtocol.MessagePack,
            var other => throw new ArgumentException($"--protocol must be json or messagepack, not '{other}'"),
        };

        return new Arguments(
            scenario,
            url,
            Text("--key", "dev-till-key"),
            Number("--count", 1000, 1, 100_000),
            Number("--warmup", 100, 0, 100_000),
            Number("--watchers", 100, 1, 5_000),
            Number("--concurrency", 8, 1, 256),
            protocol,
            TimeSpan.FromSeconds(Number("--event-wait", 5, 0, 60)),
            TimeSpan.FromSeconds(Number("--timeout", 300, 1, 3_600)),
            values.GetValueOrDefault("--json"),
            path,
            help);
    }
}
