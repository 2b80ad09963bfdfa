using System.Diagnostics;
using Loyalty.LoadTests.Cpu;

namespace Loyalty.LoadTests;

/// <summary>
/// Load: a population of members (enrolled first, or reused from an earlier run with the same population id), then
/// a mix of purchases, balance reads and redemptions on members picked uniformly or by Zipf, closed or open loop,
/// for a warm-up and a measured duration. A mix of only <c>live</c> requests (the HTTP ceiling) enrols nobody.
/// <c>hot</c> is the same run on a single fresh member, purchases only, one closed-loop worker per till.
/// </summary>
internal sealed class LoadScenario(Arguments arguments, LoyaltyHttpDriver http)
{
    private readonly LoadOptions options = arguments.Load!;

    public async Task<ScenarioResult> Run(CancellationToken cancellation)
    {
        var hot = arguments.Scenario == Scenario.Hot;
        var population = await Populate(hot, cancellation);
        // A mix of only `live` requests has no members; the sampler still draws (and the draws are ignored).
        var sampled = Math.Max(1, population.Members.Length);
        IMemberSampler sampler = options.Distribution == MemberDistribution.Zipf
            ? new ZipfSampler(sampled, options.ZipfS)
            : new UniformSampler(sampled);
        var total = options.WarmupTime + options.Duration;
        var runner = new LoadRunner(http, population.Members, new RequestSource(options.Mix, sampler), options.Seed, total);

        Console.Error.WriteLine(FormattableString.Invariant(
            $"running {total.TotalSeconds:0} s ({options.WarmupTime.TotalSeconds:0} s warm-up) {Mode()}"));
        var cpu = options.CpuOf is { } watched
            ? MeasureCpu(CpuSampler.OfThisProcess(watched), options.WarmupTime, total, cancellation)
            : Task.FromResult<CpuUse?>(null);
        if (options.Rate is { } rate)
            await runner.RunOpen(rate, options.MaxOutstanding, cancellation);
        else
            await runner.RunClosed(options.Workers, cancellation);

        var figures = LoadFigures.From(runner.Samples, options.WarmupTime.TotalSeconds, options.Duration.TotalSeconds);
        var report = new LoadReport(
            Scenario: hot ? "hot" : "load",
            Url: http.BaseUrl.ToString(),
            Mode: options.Rate is null ? "closed" : "open",
            Concurrency: options.Rate is null ? options.Workers : null,
            Rate: options.Rate,
            MaxOutstanding: options.Rate is null ? null : options.MaxOutstanding,
            Members: population.Members.Length,
            PopulationId: population.Id,
            PopulationReused: population.Reused,
            EnrolSeconds: Math.Round(population.Seconds, 2),
            Distribution: options.Distribution,
            ZipfS: options.Distribution == MemberDistribution.Zipf ? options.ZipfS : null,
            Seed: options.Seed,
            Mix: options.Mix.ToString(),
            WarmupSeconds: options.WarmupTime.TotalSeconds,
            DurationSeconds: options.Duration.TotalSeconds,
            StoppedAtRequestCap: runner.HitRequestCap,
            Throughput: figures.Throughput,
            Overall: figures.Overall,
            Operations: figures.Operations,
            Errors: figures.Errors,
            Timeline: figures.Timeline)
        {
            Cpu = await cpu,
        };

        var title = hot
            ? FormattableString.Invariant($"hot: 1 member, {options.Workers} tills, {figures.Throughput:0.0} purchases/s over {options.Duration.TotalSeconds:0} s")
            : FormattableString.Invariant(
                $"load: {population.Members.Length} members ({Distribution()}), mix {options.Mix}, {Mode()}, {figures.Throughput:0.0} requests/s over {options.Duration.TotalSeconds:0} s");
        if (options.ChartPath is { } chart)
            LoadChart.Draw(chart, title, figures);
        var summary = title + (runner.HitRequestCap ? $" (stopped at {LoadRunner.MaxRequests} requests)" : "")
            + Environment.NewLine + figures.Table();
        var clean = figures.Overall.Errors == 0 && figures.Overall.Dropped == 0;
        return new ScenarioResult(summary, report, clean);

        string Mode() => options.Rate is { } r
            ? FormattableString.Invariant($"open loop {r}/s (at most {options.MaxOutstanding} in flight)")
            : $"closed loop {options.Workers} {(hot ? "tills" : "workers")}";

        string Distribution() => options.Distribution == MemberDistribution.Zipf
            ? FormattableString.Invariant($"zipf s={options.ZipfS}")
            : "uniform";
    }

    /// <summary>The CPU time used from the end of the warm-up to the end of the run, as the runner times them (it
    /// starts a moment after this).</summary>
    private static async Task<CpuUse?> MeasureCpu(CpuSampler sampler, TimeSpan warmup, TimeSpan total, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(warmup, cancellation);
        var start = sampler.Take();
        var left = total - Stopwatch.GetElapsedTime(started);
        if (left > TimeSpan.Zero)
            await Task.Delay(left, cancellation);
        return CpuSampler.Between(start, sampler.Take());
    }

    private async Task<Population> Populate(bool hot, CancellationToken cancellation)
    {
        if (!hot && !options.Mix.NeedsMembers)
        {
            Console.Error.WriteLine("the mix acts on no member: no population enrolled");
            return new Population(null, [], Reused: false, 0);
        }
        var id = hot ? options.PopulationId : options.PopulationId ?? Guid.NewGuid().ToString("N")[..8];
        var members = hot
            ? [id is null ? $"HOT-{Guid.NewGuid():N}"[..16] : $"HOT-{id}"]
            : Enumerable.Range(0, options.Members).Select(i => $"LOAD-{id}-{i:D7}").ToArray();
        var clock = Stopwatch.StartNew();
        if (options.PopulationId is not null
            && await http.Exists(members[0], cancellation) && await http.Exists(members[^1], cancellation))
        {
            Console.Error.WriteLine($"population {id}: {members.Length} members already enrolled, reused");
            return new Population(id, members, Reused: true, clock.Elapsed.TotalSeconds);
        }

        var enrolled = 0;
        using var progress = new CancellationTokenSource();
        var reporter = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            while (await timer.WaitForNextTickAsync(progress.Token).ConfigureAwait(false))
            {
                var done = Volatile.Read(ref enrolled);
                Console.Error.WriteLine(FormattableString.Invariant(
                    $"enrolled {done}/{members.Length} ({done / clock.Elapsed.TotalSeconds:0}/s)"));
            }
        }, CancellationToken.None);
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.EnrolConcurrency, CancellationToken = cancellation };
            await Parallel.ForEachAsync(members, parallel, async (memberId, ct) =>
            {
                await http.Enrol(memberId, "Load probe", ct);
                Interlocked.Increment(ref enrolled);
            });
        }
        finally
        {
            await progress.CancelAsync();
            try
            {
                await reporter;
            }
            catch (OperationCanceledException)
            {
            }
        }
        Console.Error.WriteLine(FormattableString.Invariant(
            $"enrolled {members.Length} members{(id is null ? "" : $" as population {id}")} in {clock.Elapsed.TotalSeconds:0.0} s"));
        return new Population(id, members, Reused: false, clock.Elapsed.TotalSeconds);
    }

    private sealed record Population(string? Id, string[] Members, bool Reused, double Seconds);
}

internal sealed record LoadReport(
    string Scenario,
    string Url,
    string Mode,
    int? Concurrency,
    int? Rate,
    int? MaxOutstanding,
    int Members,
    string? PopulationId,
    bool PopulationReused,
    double EnrolSeconds,
    MemberDistribution Distribution,
    double? ZipfS,
    int Seed,
    string Mix,
    double WarmupSeconds,
    double DurationSeconds,
    bool StoppedAtRequestCap,
    double Throughput,
    OperationFigures Overall,
    SortedDictionary<string, OperationFigures> Operations,
    SortedDictionary<string, long> Errors,
    TimelinePoint[] Timeline)
{
    /// <summary>With <c>--cpu-of</c>: the CPU time of the watched processes and of the generator over the measured
    /// window.</summary>
    public CpuUse? Cpu { get; init; }
}
