using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Loyalty.LoadTests.Report;

internal enum Verdict { Pass, Miss, NotMeasured }

/// <summary>One line of the targets table: what was measured, against what, and whether it meets it.</summary>
internal sealed record TargetRow(string Id, string Target, string Measured, string Goal, Verdict Verdict);

/// <summary>
/// The Markdown summary of a result folder of <c>load-tests/run.sh</c>: the run and the machine, the targets with
/// their measured figures and pass or miss, then every run's figures. It reads only the folder's files, so it can be
/// written again later from the same folder. A target passes only when its figure meets the goal and the runs it comes
/// from saw no errors, dropped requests or lost events.
/// </summary>
internal static class PerformanceReport
{
    public const double ReadsToCeiling = 0.6;
    public const double PurchasesToBaseline = 2.0;
    public const double HalfPeakP99Ms = 20;
    public const double HotPurchasesPerSecond = 4000;
    public const double HotSecondToFirst = 0.9;
    public const double PurchasesToPgbench = 0.8;
    public const int PgbenchClients = 8;
    public const double PurchasesToPgbenchMany = 2.0;
    public const int PgbenchManyClients = 32;
    public const double PushP99Ms = 50;
    public const double ColdP99Ms = 20;

    public static string Build(string directory)
    {
        var info = RunInfo.Read(directory);
        var text = new StringBuilder();
        text.AppendLine("# Performance report").AppendLine();
        Header(text, info);

        var targets = Targets(directory, info);
        text.AppendLine("## Targets").AppendLine();
        text.AppendLine("A target passes when its figure meets the goal and the runs behind it saw no errors, dropped requests or lost events.");
        text.AppendLine();
        Table(text, ["#", "target", "measured", "goal", "result"],
            targets.Select(t => new[] { t.Id, t.Target, t.Measured, t.Goal, Render(t.Verdict) }));
        text.AppendLine();

        Problems(text, directory);
        Sweep(text, directory);
        CrossCheck.Write(text, directory);
        CpuTime.Write(text, directory);
        Sqlite(text, directory);
        Memory(text, directory);
        Sequential(text, directory);
        Enrolments(text, directory);
        AllRuns(text, directory);
        Charts(text, directory);
        return text.ToString();
    }

    private static void Header(StringBuilder text, RunInfo info)
    {
        var started = info.Time("started");
        var finished = info.Time("finished");
        var took = started is { } s && finished is { } f ? $" (took {Duration(f - s)})" : "";
        var memory = info.Number("memory_kib") is { } kib ? Invariant($"{kib / 1024 / 1024:0.0} GiB") : "?";
        var rows = new List<string[]>
        {
            new[] { "date", (started?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "?") + took },
            new[] { "command", info["command"] is { } c ? $"`{c}`" : "?" },
            new[] { "run", RunDescription(info) },
            new[] { "machine", $"{info["cores"] ?? "?"} cores, {memory}, {info["cpu"] ?? "?"}" },
            new[] { "OS", info["os"] ?? "?" },
            new[] { ".NET", info["dotnet"] ?? "?" },
            new[] { "PostgreSQL", (info["postgres"] ?? "?") + (info["postgres_settings"] is { } p ? $" ({p})" : "") },
            new[] { "load average (1 min)", $"{info["loadavg_start"] ?? "?"} at the start, {info["loadavg_end"] ?? "?"} at the end" },
        };
        Table(text, ["", ""], rows);
        text.AppendLine();
        text.AppendLine("Every host, the PostgreSQL server and the load generator ran on this one machine, over loopback; " +
                        "the engine in Release, the hosts each on its own fresh database.");
        text.AppendLine();
    }

    private static string RunDescription(RunInfo info)
    {
        var parts = new List<string>();
        if (info["mode"] is { } mode)
            parts.Add(mode);
        if (info.Number("duration") is { } d)
            parts.Add(Invariant($"{d:0} s measured per run after {info.Number("warmup") ?? 0:0} s of warm-up"));
        if (info.Number("members") is { } m)
            parts.Add(Invariant($"a population of {m:N0} members per database (purchases and reads pick them uniformly)"));
        return parts.Count == 0 ? "?" : string.Join("; ", parts);
    }

    public static IReadOnlyList<TargetRow> Targets(string directory, RunInfo info)
    {
        var rows = new List<TargetRow>
        {
            ReadsTarget(directory, "1a", "engine-pg", "PostgreSQL"),
            ReadsTarget(directory, "1b", "engine-sqlite", "SQLite"),
        };
        rows.AddRange(PurchaseTargets(directory));
        rows.Add(HotTarget(directory));
        rows.Add(PgbenchTarget(directory, "4a", PgbenchClients, PurchasesToPgbench));
        rows.Add(PgbenchTarget(directory, "4b", PgbenchManyClients, PurchasesToPgbenchMany));
        rows.Add(PushTarget(directory));
        rows.Add(ColdTarget(directory, info, "6a", ResultFiles.Cold("postgresql"), "PostgreSQL"));
        rows.Add(ColdTarget(directory, info, "6b", ResultFiles.Cold("sqlite"), "SQLite"));
        // cold.sh's further runs (one till at a time, by default), when it made them.
        foreach (var (id, database, storage) in new[] { ("6c", "postgresql", "PostgreSQL"), ("6d", "sqlite", "SQLite") })
            if (File.Exists(Path.Combine(directory, ResultFiles.Cold(database, ColdOneTill))))
                rows.Add(ColdTarget(directory, info, id, ResultFiles.Cold(database, ColdOneTill), storage));
        return rows;
    }

    private static TargetRow ReadsTarget(string directory, string id, string host, string storage)
    {
        var what = $"balance reads (`load --mix read=100`) vs the HTTP ceiling (`load --mix live=100`, `GET /health/live`), engine on {storage}, same closed loop";
        var goal = Invariant($"≥ {ReadsToCeiling:0.00}× the ceiling");
        var reads = LoadRun.Read(directory, ResultFiles.Reads(host));
        var ceiling = LoadRun.Read(directory, ResultFiles.Live(host));
        if (reads is null || ceiling is null || ceiling.Throughput <= 0)
            return new TargetRow(id, what, "not measured", goal, Verdict.NotMeasured);
        var ratio = reads.Throughput / ceiling.Throughput;
        var measured = Invariant(
            $"{Rate(reads.Throughput)} reads/s (p99 {Ms(reads.P99)}) vs {Rate(ceiling.Throughput)} no-op GETs/s (p99 {Ms(ceiling.P99)}) at {reads.Load} vs {ceiling.Load}: **{ratio:0.00}×**");
        return new TargetRow(id, what, measured, goal,
            Judge(ratio >= ReadsToCeiling && reads.Concurrency == ceiling.Concurrency, reads.Clean && ceiling.Clean));
    }

    /// <summary>The engine's peak of the closed-loop sweep, and the baseline's best throughput at a p99 no worse than
    /// the engine's there (or, when every baseline run's p99 is worse, its run with the lowest p99).</summary>
    public static (LoadRun Engine, LoadRun Baseline, bool SameP99)? Comparable(LoadRun[] engine, LoadRun[] baseline)
    {
        var engines = engine.Where(r => r.P99 is not null).ToArray();
        var baselines = baseline.Where(r => r.P99 is not null && r.Throughput > 0).ToArray();
        if (engines.Length == 0 || baselines.Length == 0)
            return null;
        var peak = engines.MaxBy(r => r.Throughput)!;
        var within = baselines.Where(r => r.P99 <= peak.P99).ToArray();
        return within.Length > 0
            ? (peak, within.MaxBy(r => r.Throughput)!, true)
            : (peak, baselines.MinBy(r => r.P99)!, false);
    }

    private static IEnumerable<TargetRow> PurchaseTargets(string directory)
    {
        const string what = "purchases on PostgreSQL (`load --mix purchase=100`, closed loop): engine's peak vs the SQL baseline at the same p99";
        var goal = Invariant($"≥ {PurchasesToBaseline:0.0}× the baseline");
        var engine = LoadRun.ReadAll(directory, ResultFiles.PostgresEngineSweep);
        var baseline = LoadRun.ReadAll(directory, ResultFiles.PostgresBaselineSweep);
        if (Comparable(engine, baseline) is not var (peak, other, sameP99))
            yield return new TargetRow("2a", what, "not measured", goal, Verdict.NotMeasured);
        else
        {
            var ratio = peak.Throughput / other.Throughput;
            var how = sameP99
                ? "the baseline's best at a p99 no higher"
                : "the baseline's p99 was higher at every concurrency: its lowest-p99 run";
            yield return new TargetRow("2a", what, Invariant(
                    $"engine {Rate(peak.Throughput)}/s, p99 {Ms(peak.P99)} ({peak.Load}); {how}: {Rate(other.Throughput)}/s, p99 {Ms(other.P99)} ({other.Load}): **{ratio:0.00}×**"),
                goal, Judge(ratio >= PurchasesToBaseline, peak.Clean && other.Clean));
        }

        const string half = "engine purchases on PostgreSQL at half its peak rate (open loop, `load --rate`): p99 from the due time";
        var halfGoal = Invariant($"p99 < {HalfPeakP99Ms:0} ms");
        var open = LoadRun.Read(directory, ResultFiles.HalfPeak);
        if (open is null)
            yield return new TargetRow("2b", half, "not measured", halfGoal, Verdict.NotMeasured);
        else
        {
            var peakRate = engine.Length > 0 ? engine.Max(r => r.Throughput) : (double?)null;
            var of = peakRate is { } p ? Invariant($" (peak {Rate(p)}/s)") : "";
            yield return new TargetRow("2b", half, Invariant(
                    $"**p99 {Ms(open.P99)}** at {open.Rate}/s{of}: {Rate(open.Throughput)}/s answered, p50 {Ms(open.P50)}, max {Ms(open.Max)}, {open.Errors} errors, {open.Dropped} dropped"),
                halfGoal, Judge(open.P99 < HalfPeakP99Ms, open.Clean));
        }
    }

    /// <summary>Two hot-member runs in a row on one member: each at least the goal, and the second, on the member
    /// whose history the first grew, about as fast. A miss as soon as a measured part misses.</summary>
    private static TargetRow HotTarget(string directory)
    {
        var first = LoadRun.Read(directory, ResultFiles.Hot);
        var second = LoadRun.Read(directory, ResultFiles.HotSecond);
        var what = $"hot member: purchases/s on one member, engine on PostgreSQL (`hot --tills {first?.Concurrency?.ToString(CultureInfo.InvariantCulture) ?? "16"}`), two runs in a row on the same member";
        var goal = Invariant($"both ≥ {HotPurchasesPerSecond:N0}/s, the second ≥ {HotSecondToFirst:0.00}× the first");
        if (first is null)
            return new TargetRow("3", what, "not measured", goal, Verdict.NotMeasured);
        var firstMeets = first.Throughput >= HotPurchasesPerSecond && first.Clean;
        if (second is null)
            return new TargetRow("3", what, $"first {Run(first)}; second run not measured", goal,
                firstMeets ? Verdict.NotMeasured : Verdict.Miss);
        var ratio = first.Throughput > 0 ? second.Throughput / first.Throughput : 0;
        var sameMember = second.PopulationReused && second.PopulationId is not null && second.PopulationId == first.PopulationId;
        var measured = Invariant($"first {Run(first)}; second {Run(second)}: **{ratio:0.00}×**")
                       + (sameMember ? "" : "; the second run was not on the first's member");
        return new TargetRow("3", what, measured, goal, Judge(
            first.Throughput >= HotPurchasesPerSecond && second.Throughput >= HotPurchasesPerSecond && ratio >= HotSecondToFirst && sameMember,
            first.Clean && second.Clean));

        static string Run(LoadRun r) => Invariant($"**{Rate(r.Throughput)}/s** over {r.DurationSeconds:0} s (p50 {Ms(r.P50)}, p99 {Ms(r.P99)})");
    }

    private static TargetRow PgbenchTarget(string directory, string id, int clients, double times)
    {
        var what = $"durable purchases on PostgreSQL, {clients} concurrent tills over many members, vs `pgbench -N -c {clients}` on the same server";
        var goal = Invariant($"≥ {times:0.00}× pgbench");
        var engine = LoadRun.ReadAll(directory, ResultFiles.PostgresEngineSweep).FirstOrDefault(r => r.Concurrency == clients);
        var output = PgbenchOutput.Find(directory, clients);
        var tps = output is null ? null : PgbenchOutput.Tps(output);
        if (engine is null || tps is not > 0)
            return new TargetRow(id, what, "not measured", goal, Verdict.NotMeasured);
        var ratio = engine.Throughput / tps.Value;
        return new TargetRow(id, what, Invariant(
                $"engine {Rate(engine.Throughput)} purchases/s (closed {engine.Concurrency}, p99 {Ms(engine.P99)}) vs pgbench {Rate(tps.Value)} tps ({clients} clients, without connection time): **{ratio:0.00}×**"),
            goal, Judge(ratio >= times, engine.Clean));
    }

    private static TargetRow PushTarget(string directory)
    {
        var push = JsonReport.Read(Path.Combine(directory, ResultFiles.Push));
        var goal = Invariant($"p99 < {PushP99Ms:0} ms, no event missing");
        var rate = push?.Number("rate");
        var watchers = push?.Number("watchers");
        var what = Invariant(
            $"push latency (purchase answered → `BalanceChanged` at its watcher), engine on PostgreSQL, {(rate is { } r ? $"{r:N0}" : "?")} purchases/s (open loop) over {(watchers is { } w ? $"{w:N0}" : "?")} watchers");
        if (push?.Number("eventAfterResponse", "p99") is not { } p99)
            return new TargetRow("5", what, "not measured", goal, Verdict.NotMeasured);
        var purchases = push.Number("purchases") ?? 0;
        var failed = push.Number("purchasesFailed") ?? 0;
        var dropped = push.Number("purchasesDropped") ?? 0;
        var received = push.Number("eventsReceived") ?? 0;
        var missing = push.Number("eventsMissing") ?? 0;
        var disorder = (push.Number("outOfOrderEvents") ?? 0) + (push.Number("skippedSequences") ?? 0) + (push.Number("duplicateEvents") ?? 0);
        var measured = Invariant(
            $"**p99 {Ms(p99)}** (median {Ms(push.Number("eventAfterResponse", "median"))}); due time → event p99 {Ms(push.Number("eventAfterRequest", "p99"))}; {purchases:N0} purchases ({failed:N0} failed, {dropped:N0} dropped), {Rate(push.Number("purchasesPerSecond") ?? 0)}/s answered; {received:N0} events, {missing:N0} missing");
        return new TargetRow("5", what, measured, goal,
            Judge(p99 < PushP99Ms && missing == 0, failed == 0 && dropped == 0 && disorder == 0));
    }

    /// <summary>The number of tills of <c>cold.sh</c>'s second run, by default.</summary>
    private const int ColdOneTill = 1;

    /// <summary>The first purchase of inactive members after a restart, from one of <c>cold.sh</c>'s JSON files.</summary>
    private static TargetRow ColdTarget(string directory, RunInfo info, string id, string file, string storage)
    {
        var cold = JsonReport.Read(Path.Combine(directory, file));
        var members = cold?.Number("members") ?? info.Number("cold_members");
        var days = info.Number("cold_days");
        var tills = cold?.Number("tills") is { } t ? Invariant($", {t:0} {(t == 1 ? "till" : "tills")} at once") : "";
        var what = Invariant(
            $"cold members: the first purchase of each of {(members is { } m ? $"{m:N0}" : "?")} inactive members with {(days is { } d ? $"{d:N0}" : "?")} days of history, after a restart, engine on {storage} (`cold.sh`{tills})");
        var goal = Invariant($"p99 < {ColdP99Ms:0} ms");
        if (cold?.Number("latency", "p99") is not { } p99)
            return new TargetRow(id, what, "not measured", goal, Verdict.NotMeasured);
        var failures = cold.Number("failures") ?? 0;
        var measured = Invariant(
            $"p50 {Ms(cold.Number("latency", "median"))}, **p99 {Ms(p99)}**, max {Ms(cold.Number("latency", "max"))}; {failures:N0} failed");
        return new TargetRow(id, what, measured, goal, Judge(p99 < ColdP99Ms, failures == 0));
    }

    private static void Problems(StringBuilder text, string directory)
    {
        var path = Path.Combine(directory, ResultFiles.Problems);
        var problems = File.Exists(path)
            ? File.ReadAllLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray()
            : [];
        if (problems.Length == 0)
            return;
        text.AppendLine("## Problems during the run").AppendLine();
        text.AppendLine("Runs that failed, or saw errors, dropped requests or lost events (exit code 1: see the run's figures; 2 or 3: it did not finish):");
        text.AppendLine();
        foreach (var problem in problems)
            text.AppendLine($"- {problem}");
        text.AppendLine();
    }

    private static void Sweep(StringBuilder text, string directory)
    {
        var engine = LoadRun.ReadAll(directory, ResultFiles.PostgresEngineSweep);
        var baseline = LoadRun.ReadAll(directory, ResultFiles.PostgresBaselineSweep);
        if (engine.Length == 0 && baseline.Length == 0)
            return;
        text.AppendLine("## Purchases on PostgreSQL, closed loop").AppendLine();
        var concurrencies = engine.Concat(baseline).Select(r => r.Concurrency).Distinct().Order().ToArray();
        Table(text, ["concurrency", "engine /s", "engine p50", "engine p99", "baseline /s", "baseline p50", "baseline p99", "engine ÷ baseline"],
            concurrencies.Select(c =>
            {
                var e = engine.FirstOrDefault(r => r.Concurrency == c);
                var b = baseline.FirstOrDefault(r => r.Concurrency == c);
                return new[]
                {
                    c?.ToString(CultureInfo.InvariantCulture) ?? "?",
                    e is null ? "-" : Rate(e.Throughput), Ms(e?.P50), Ms(e?.P99),
                    b is null ? "-" : Rate(b.Throughput), Ms(b?.P50), Ms(b?.P99),
                    e is not null && b is { Throughput: > 0 } ? Invariant($"{e.Throughput / b.Throughput:0.00}×") : "-",
                };
            }));
        text.AppendLine();
    }

    private static void Sqlite(StringBuilder text, string directory)
    {
        var engine = LoadRun.ReadAll(directory, ResultFiles.SqliteEngine);
        var baseline = LoadRun.ReadAll(directory, ResultFiles.SqliteBaseline);
        if (engine.Length == 0 && baseline.Length == 0)
            return;
        text.AppendLine("## Embedded default: purchases on SQLite, closed loop").AppendLine();
        var runs = engine.Concat(baseline).ToArray();
        Table(text, ["host", "load", "purchases/s", "p50", "p90", "p99", "max", "errors"],
            runs.Select(r => new[] { ResultFiles.Host(r.Host ?? "?"), r.Load, Rate(r.Throughput), Ms(r.P50), Ms(r.P90), Ms(r.P99), Ms(r.Max), Count(r.Errors + r.Dropped) }));
        var e = engine.FirstOrDefault();
        var b = baseline.FirstOrDefault(r => r.Concurrency == e?.Concurrency);
        if (e is not null && b is { Throughput: > 0 })
            text.AppendLine().AppendLine(Invariant($"Engine ÷ baseline at {e.Load}: {e.Throughput / b.Throughput:0.00}× the throughput, p99 {Ms(e.P99)} vs {Ms(b.P99)}. No target: for reference."));
        text.AppendLine();
    }

    private static void Memory(StringBuilder text, string directory)
    {
        var memory = JsonReport.Read(Path.Combine(directory, ResultFiles.Memory));
        if (memory is null)
            return;
        text.AppendLine("## Memory per member grain").AppendLine();
        text.AppendLine("From `Loyalty.MemoryProbe` (its JSON as written, numeric and yes/no fields).").AppendLine();
        var fields = new List<string[]>();
        Flatten(memory.Root, "", fields);
        if (fields.Count == 0)
            text.AppendLine("(no numeric fields)");
        else
            Table(text, ["field", "value"], fields);
        text.AppendLine();
    }

    /// <summary>Numeric and boolean leaves of a JSON value, top-level fields first, nested ones as <c>a.b</c>.</summary>
    public static void Flatten(JsonElement element, string prefix, List<string[]> into)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return;
        var nested = new List<JsonProperty>();
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Number:
                    into.Add([name, property.Value.GetDouble().ToString("#,##0.###", CultureInfo.InvariantCulture)]);
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    into.Add([name, property.Value.GetBoolean() ? "yes" : "no"]);
                    break;
                case JsonValueKind.Object:
                    nested.Add(property);
                    break;
            }
        }
        foreach (var property in nested)
            Flatten(property.Value, prefix + property.Name + ".", into);
    }

    private static void Sequential(StringBuilder text, string directory)
    {
        if (!Directory.Exists(directory))
            return;
        var rows = Directory.GetFiles(directory, ResultFiles.Any)
            .Select(JsonReport.Read)
            .OfType<JsonReport>()
            .Where(r => r.Text("scenario") is "latency" or "ceiling")
            .OrderBy(r => r.Text("scenario"), StringComparer.Ordinal).ThenBy(r => r.File, StringComparer.Ordinal)
            .Select(r => new[]
            {
                ResultFiles.Host(ResultFiles.HostOf(r.File) ?? "?"),
                r.Text("scenario") == "latency" ? "purchase (`latency`)" : $"`GET {r.Text("path")}` (`ceiling`)",
                Count((long)(r.Number("purchases") ?? r.Number("requests") ?? 0)),
                Ms(r.Number("latency", "median")), Ms(r.Number("latency", "p90")), Ms(r.Number("latency", "p99")), Ms(r.Number("latency", "max")),
            })
            .ToArray();
        if (rows.Length == 0)
            return;
        text.AppendLine("## One request at a time").AppendLine();
        Table(text, ["host", "request", "count", "median", "p90", "p99", "max"], rows);
        text.AppendLine();
    }

    private static void Enrolments(StringBuilder text, string directory)
    {
        if (!Directory.Exists(directory))
            return;
        var rows = Directory.GetFiles(directory, ResultFiles.Enrolments).Order(StringComparer.Ordinal)
            .Select(JsonReport.Read)
            .OfType<JsonReport>()
            .Select(r =>
            {
                var members = r.Number("members") ?? 0;
                var seconds = r.Number("enrolSeconds") ?? 0;
                return new[]
                {
                    ResultFiles.Host(ResultFiles.HostOf(r.File) ?? "?"), Count((long)members), Invariant($"{seconds:0.0} s"),
                    seconds > 0 ? Rate(members / seconds) : "-",
                };
            })
            .ToArray();
        if (rows.Length == 0)
            return;
        text.AppendLine("## Enrolment of the population").AppendLine();
        text.AppendLine("The four hosts enrolled their populations at the same time.").AppendLine();
        Table(text, ["host", "members", "time", "members/s"], rows);
        text.AppendLine();
    }

    private static void AllRuns(StringBuilder text, string directory)
    {
        var runs = LoadRun.ReadAll(directory, ResultFiles.Any)
            .Where(r => !r.File.StartsWith("enrol.", StringComparison.Ordinal))
            .OrderBy(r => r.File, StringComparer.Ordinal)
            .ToArray();
        if (runs.Length == 0)
            return;
        text.AppendLine("## Every timed run").AppendLine();
        text.AppendLine("Latency in ms over the answered requests of the measured window (open loop: from the due time).").AppendLine();
        Table(text, ["file", "host", "mix", "load", "per s", "p50", "p90", "p99", "max", "requests", "errors", "dropped"],
            runs.Select(r => new[]
            {
                $"`{r.File}`", ResultFiles.Host(r.Host ?? "?"), r.Scenario == "hot" ? "hot member" : r.Mix ?? "?", r.Load, Rate(r.Throughput),
                Ms(r.P50), Ms(r.P90), Ms(r.P99), Ms(r.Max), Count(r.Requests), Count(r.Errors), Count(r.Dropped),
            }));
        text.AppendLine();
    }

    private static void Charts(StringBuilder text, string directory)
    {
        if (!Directory.Exists(directory))
            return;
        var charts = Directory.GetFiles(directory, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        if (charts.Length == 0)
            return;
        text.AppendLine("## Charts").AppendLine();
        text.AppendLine("Latency per second and answered requests per second of each timed run:").AppendLine();
        foreach (var chart in charts)
            text.AppendLine($"- [{chart}]({chart})");
        text.AppendLine();
    }

    private static Verdict Judge(bool meets, bool clean) => meets && clean ? Verdict.Pass : Verdict.Miss;

    private static string Render(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "**pass**",
        Verdict.Miss => "**miss**",
        _ => "not measured",
    };

    internal static void Table(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("| " + string.Join(" | ", header.Select(_ => "---")) + " |");
        foreach (var row in rows)
            text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
    }

    public static string Rate(double perSecond) =>
        perSecond >= 100 ? perSecond.ToString("N0", CultureInfo.InvariantCulture) : perSecond.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Ms(double? ms) => ms switch
    {
        null => "-",
        < 10 => ms.Value.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        _ => ms.Value.ToString("N1", CultureInfo.InvariantCulture) + " ms",
    };

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) =>
        span.TotalMinutes >= 1 ? Invariant($"{(int)span.TotalMinutes} min {span.Seconds} s") : Invariant($"{span.TotalSeconds:0} s");

    internal static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
