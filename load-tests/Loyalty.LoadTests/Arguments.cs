using System.Globalization;
using System.Text.RegularExpressions;
using Loyalty.LoadTests.Cpu;

namespace Loyalty.LoadTests;

internal enum Scenario { Latency, Push, Ceiling, Load, Hot, Lookup }

internal enum PushProtocol { Json, MessagePack }

internal enum MemberDistribution { Uniform, Zipf }

/// <summary>The command line: a scenario name, then <c>--option value</c> pairs.</summary>
internal sealed partial record Arguments(
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
    /// <summary>The options of the <c>load</c> and <c>hot</c> scenarios; null for the others.</summary>
    public LoadOptions? Load { get; init; }

    /// <summary><c>push</c>: purchases per second by the clock (open loop), or null for the closed loop of
    /// <see cref="Concurrency"/>.</summary>
    public int? Rate { get; init; }

    /// <summary><c>push</c> open loop: purchases in flight at most; a purchase due beyond that is dropped.</summary>
    public int MaxOutstanding { get; init; } = 1000;

    public const string Usage = """
        usage: Loyalty.LoadTests [latency|push|ceiling|load|hot|lookup] [options]

          latency   sequential purchases on one fresh member, each awaited before the next (the default)
          push      purchases spread over watched members; time from the HTTP answer to the SignalR event
          ceiling   sequential GETs of an endpoint that does no work: the HTTP floor under every other figure
          load      a mix of purchases, balance reads and redemptions over a population of members, closed or open loop
          hot       one member, several tills making purchases on it at once
          lookup    sequential member lookups by card and e-mail, each of another member, each awaited before the next

        Loyalty.LoadTests report DIR: writes DIR/report.md from the result folder DIR of load-tests/run.sh.
        Loyalty.LoadTests measure-cpu --json PATH [--cpu-of NAME=PID,...] -- COMMAND...: the CPU time of the watched
          processes and of COMMAND (another load generator) while COMMAND runs.

        options                       default                 scenario
          --url URL                   http://localhost:5080   all      the engine (loopback only, see --allow-remote)
          --key KEY                   dev-till-key            all      a till key
          --json PATH                                         all      also write the report as JSON to PATH
          --timeout SECONDS           300 (load: 1800)        all      stop the whole run after this long
          --allow-remote                                      all      allow a --url that is not a loopback address
          --count N                   1000                    latency, push, ceiling, lookup  measured purchases or calls (1 to 100000)
          --warmup N                  100                     latency, ceiling, lookup  calls sent first and not measured
          --path PATH                 /health/live            ceiling  the endpoint to GET
          --watchers N                100                     push     SignalR connections, one watched member each (1 to 5000)
          --concurrency N             8 (load: 16)            push, load  requests in flight at once (1 to 256); load: closed-loop workers;
                                                                       push with --rate: enrolments and connections being opened
          --protocol json|messagepack json                    push     the hub protocol
          --event-wait SECONDS        5                       push     how long to wait for late events after the last answer
          --duration SECONDS          30                      load, hot  measured time (1 to 3600)
          --warmup SECONDS            5                       load, hot  time run first and left out of the figures (0 to 600)
          --chart PATH                                        load, hot  also draw latency and throughput over time as a PNG
          --seed N                    random                  load, hot  seed of the member, operation and basket choices
          --members N                 100000                  load     members of the population (1 to 1000000)
          --population-id ID          random                  load, hot  reuse the members (hot: the member) a run with this id enrolled
          --enrol-concurrency N       16                      load     enrolments in flight at once (1 to 256)
          --distribution uniform|zipf uniform                 load     how a request picks its member
          --zipf-s S                  1.0                     load     the Zipf exponent (above 0, at most 5)
          --mix K=W,...               purchase=70,read=25,redeem=5  load  weights of purchases, balance reads, redemptions and
                                                                       live (GET /health/live, the HTTP ceiling; only live: no members)
          --rate R                                            push, load  open loop: R requests (push: purchases) per second by the clock (1 to 20000)
          --max-outstanding N         1000                    push, load  open loop: requests in flight at most; more are dropped (1 to 10000)
          --tills N                   16                      hot      concurrent clients (1 to 256)
          --cpu-of NAME=PID,...                               load, hot  also record the CPU time these processes (each with its
                                                                       descendants) and the generator used in the measured window
        """;

    private static readonly Scenario[] Classic = [Scenario.Latency, Scenario.Push, Scenario.Ceiling, Scenario.Lookup];
    private static readonly Scenario[] Timed = [Scenario.Load, Scenario.Hot];

    private static readonly Dictionary<string, Scenario[]?> Options = new(StringComparer.Ordinal)
    {
        ["--url"] = null, ["--key"] = null, ["--json"] = null, ["--timeout"] = null, ["--warmup"] = null,
        ["--count"] = Classic,
        ["--watchers"] = [Scenario.Push], ["--protocol"] = [Scenario.Push], ["--event-wait"] = [Scenario.Push],
        ["--concurrency"] = [Scenario.Push, Scenario.Load],
        ["--duration"] = Timed, ["--chart"] = Timed, ["--seed"] = Timed, ["--cpu-of"] = Timed,
        ["--members"] = [Scenario.Load], ["--population-id"] = Timed, ["--enrol-concurrency"] = [Scenario.Load],
        ["--distribution"] = [Scenario.Load], ["--zipf-s"] = [Scenario.Load], ["--mix"] = [Scenario.Load],
        ["--rate"] = [Scenario.Push, Scenario.Load], ["--max-outstanding"] = [Scenario.Push, Scenario.Load],
        ["--tills"] = [Scenario.Hot],
        ["--path"] = [Scenario.Ceiling],
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
                "load" => Scenario.Load,
                "hot" => Scenario.Hot,
                "lookup" => Scenario.Lookup,
                _ => throw new ArgumentException($"unknown scenario '{args[0]}' (latency, push, ceiling, load, hot or lookup)"),
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
                    $"{name} applies to the {string.Join(", ", o.Select(s => s.ToString().ToLowerInvariant()))} scenario{(o.Length > 1 ? "s" : "")} only");
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

        int? pushRate = null;
        if (scenario == Scenario.Push)
        {
            pushRate = values.ContainsKey("--rate") ? Number("--rate", 0, 1, 20_000) : null;
            if (pushRate is null && values.ContainsKey("--max-outstanding"))
                throw new ArgumentException("--max-outstanding applies to the open loop (--rate) only");
        }

        var timed = Timed.Contains(scenario);
        LoadOptions? load = null;
        if (timed)
        {
            var distribution = Text("--distribution", "uniform") switch
            {
                "uniform" => MemberDistribution.Uniform,
                "zipf" => MemberDistribution.Zipf,
                var other => throw new ArgumentException($"--distribution must be uniform or zipf, not '{other}'"),
            };
            var zipfS = 1.0;
            if (values.TryGetValue("--zipf-s", out var sText)
                && (!double.TryParse(sText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out zipfS) || zipfS <= 0 || zipfS > 5))
                throw new ArgumentException($"--zipf-s must be a number above 0 and at most 5, not '{sText}'");
            if (values.ContainsKey("--zipf-s") && distribution != MemberDistribution.Zipf)
                throw new ArgumentException("--zipf-s applies to --distribution zipf only");
            var populationId = values.GetValueOrDefault("--population-id");
            if (populationId is not null && !PopulationIdPattern().IsMatch(populationId))
                throw new ArgumentException($"--population-id must be 1 to 32 letters, digits, '-' or '_', not '{populationId}'");
            int? rate = values.ContainsKey("--rate") ? Number("--rate", 0, 1, 20_000) : null;
            if (rate is not null && values.ContainsKey("--concurrency"))
                throw new ArgumentException("--rate (open loop) and --concurrency (closed loop) exclude each other");
            if (rate is null && values.ContainsKey("--max-outstanding"))
                throw new ArgumentException("--max-outstanding applies to the open loop (--rate) only");
            load = new LoadOptions(
                Members: scenario == Scenario.Hot ? 1 : Number("--members", 100_000, 1, 1_000_000),
                PopulationId: populationId,
                EnrolConcurrency: Number("--enrol-concurrency", 16, 1, 256),
                Distribution: distribution,
                ZipfS: zipfS,
                Seed: values.ContainsKey("--seed") ? Number("--seed", 0, 0, int.MaxValue) : Random.Shared.Next(),
                Mix: scenario == Scenario.Hot ? OperationMix.PurchasesOnly : OperationMix.Parse(Text("--mix", OperationMix.Default)),
                Workers: scenario == Scenario.Hot ? Number("--tills", 16, 1, 256) : Number("--concurrency", 16, 1, 256),
                Rate: rate,
                MaxOutstanding: Number("--max-outstanding", 1000, 1, 10_000),
                Duration: TimeSpan.FromSeconds(Number("--duration", 30, 1, 3_600)),
                WarmupTime: TimeSpan.FromSeconds(Number("--warmup", 5, 0, 600)),
                ChartPath: values.GetValueOrDefault("--chart"),
                CpuOf: values.TryGetValue("--cpu-of", out var cpuOf) ? WatchedProcess.ParseList(cpuOf) : null);
        }

        return new Arguments(
            scenario,
            url,
            Text("--key", "dev-till-key"),
            Number("--count", 1000, 1, 100_000),
            timed ? 0 : Number("--warmup", 100, 0, 100_000),
            Number("--watchers", 100, 1, 5_000),
            timed ? 0 : Number("--concurrency", 8, 1, 256),
            protocol,
            TimeSpan.FromSeconds(Number("--event-wait", 5, 0, 60)),
            TimeSpan.FromSeconds(Number("--timeout", scenario == Scenario.Load ? 1_800 : 300, 1, 7_200)),
            values.GetValueOrDefault("--json"),
            path,
            help)
        {
            Load = load,
            Rate = pushRate,
            MaxOutstanding = Number("--max-outstanding", 1000, 1, 10_000),
        };
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex PopulationIdPattern();
}

/// <summary>The options of the timed scenarios. <see cref="Workers"/> is the closed loop's concurrency (the tills of
/// <c>hot</c>); a <see cref="Rate"/> makes the run an open loop instead. With <see cref="CpuOf"/>, the report also
/// gives the CPU time of those processes and of the generator over the measured window.</summary>
internal sealed record LoadOptions(
    int Members,
    string? PopulationId,
    int EnrolConcurrency,
    MemberDistribution Distribution,
    double ZipfS,
    int Seed,
    OperationMix Mix,
    int Workers,
    int? Rate,
    int MaxOutstanding,
    TimeSpan Duration,
    TimeSpan WarmupTime,
    string? ChartPath,
    IReadOnlyList<WatchedProcess>? CpuOf);
