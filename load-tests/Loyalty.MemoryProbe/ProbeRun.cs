using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Loyalty.Grains;

namespace Loyalty.MemoryProbe;

/// <summary>
/// The measurement: start the silo, warm up, take the baseline; activate N empty grains and measure; enrol N members
/// with their purchases, check every grain is still active, wait for the ledger outbox to drain, and measure again.
/// </summary>
internal static class ProbeRun
{
    /// <summary>After the ledger rows are in, the grains drop the copied entries in their next turn: let them.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static async Task<MemoryReport> RunAsync(ProbeOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var phase = Stopwatch.StartNew();
        await using var silo = await ProbeSilo.StartAsync(cancellationToken);
        var grains = silo.Grains;
        var start = Lap(phase);
        log.WriteLine($"silo started in {start:0.0} s; data in {silo.DataFolder}");

        // Warm-up grains take the indices after the measured ones and stay active: they are part of the baseline.
        var warmup = Enumerable.Range(options.Members, options.Warmup).ToArray();
        await ForEachAsync(warmup, options.Concurrency, i => grains.GetGrain<IEmptyGrain>(MemberHistory.EmptyGrainId(i)).Touch(), cancellationToken);
        await ForEachAsync(warmup, options.Concurrency, i => EnrolAndBuyAsync(grains, i, options), cancellationToken);
        var warmupEntries = await SumLedgerSequencesAsync(grains, warmup, options.Concurrency, cancellationToken);
        await LedgerDrain.WaitAsync(silo.DatabaseConnectionString, warmupEntries, options.DrainTimeout, cancellationToken);
        await CountActivationsAsync(grains);
        await Task.Delay(Settle, cancellationToken);
        var warm = Lap(phase);
        var baseline = HeapSnapshot.Take();
        log.WriteLine($"warmed up in {warm:0.0} s ({options.Warmup} grains of each kind); baseline {Mib(baseline.LiveBytes)}");
        await HoldAsync(options, "the baseline", log, phase, cancellationToken);

        var measured = Enumerable.Range(0, options.Members).ToArray();
        await ForEachAsync(measured, options.Concurrency, i => grains.GetGrain<IEmptyGrain>(MemberHistory.EmptyGrainId(i)).Touch(), cancellationToken);
        var emptyTime = Lap(phase);
        var afterEmpty = HeapSnapshot.Take();
        log.WriteLine($"{options.Members} empty grains active in {emptyTime:0.0} s; {Mib(afterEmpty.LiveBytes)}");
        await HoldAsync(options, "the empty grains", log, phase, cancellationToken);

        var done = 0;
        await ForEachAsync(measured, options.Concurrency, async i =>
        {
            await EnrolAndBuyAsync(grains, i, options);
            if (Interlocked.Increment(ref done) % 10_000 == 0)
                log.WriteLine($"  {done} members enrolled with their purchases ({phase.Elapsed.TotalSeconds:0} s)");
        }, cancellationToken);
        var entries = warmupEntries + await SumLedgerSequencesAsync(grains, measured, options.Concurrency, cancellationToken);
        var membersTime = Lap(phase);
        log.WriteLine($"{options.Members} members enrolled, {options.Purchases} purchases each, in {membersTime:0.0} s; waiting for the ledger outbox");

        var (rows, drained) = await LedgerDrain.WaitAsync(silo.DatabaseConnectionString, entries, options.DrainTimeout, cancellationToken);
        var (emptyActivations, memberActivations) = await CountActivationsAsync(grains);
        await Task.Delay(Settle, cancellationToken);
        var drainTime = Lap(phase);
        log.WriteLine(drained
            ? $"ledger outbox drained ({rows} entries) in {drainTime:0.0} s"
            : $"ledger outbox NOT drained within {options.DrainTimeout.TotalSeconds:0} s: {rows} of {entries} entries copied");
        var afterMembers = HeapSnapshot.Take();

        var report = new MemoryReport
        {
            Members = options.Members,
            PurchasesPerMember = options.Purchases,
            Concurrency = options.Concurrency,
            WarmupGrains = options.Warmup,
            Baseline = baseline,
            AfterEmptyGrains = afterEmpty,
            AfterMembers = afterMembers,
            EmptyGrainActivations = emptyActivations,
            MemberGrainActivations = memberActivations,
            LedgerEntries = entries,
            LedgerDrained = drained,
            Elapsed = new ProbeTimings(start, warm, emptyTime, membersTime, drainTime, total.Elapsed.TotalSeconds),
            Machine = new MachineInfo(Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
                GCSettings.IsServerGC, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription),
        };
        log.WriteLine($"members measured; {Mib(afterMembers.LiveBytes)}");
        await HoldAsync(options, "the members", log, phase, cancellationToken);
        return options.BusySales == 0
            ? report
            : report with { BusyMember = await BusyMember.MeasureAsync(silo, options, entries, log, cancellationToken) };
    }

    /// <summary>With <c>--hold</c>: keeps the silo as it was measured for a while, e.g. for a heap dump.</summary>
    private static async Task HoldAsync(ProbeOptions options, string what, TextWriter log, Stopwatch phase, CancellationToken cancellationToken)
    {
        if (options.Hold <= TimeSpan.Zero)
            return;
        log.WriteLine($"holding for {options.Hold.TotalSeconds:0} s after measuring {what} (process id {Environment.ProcessId})");
        await Task.Delay(options.Hold, cancellationToken);
        phase.Restart();
    }

    /// <summary>Enrols member <paramref name="index"/>, then makes their purchases one after another.</summary>
    private static async Task EnrolAndBuyAsync(IGrainFactory grains, int index, ProbeOptions options)
    {
        var id = MemberHistory.MemberId(index);
        var member = grains.GetGrain<IMemberGrain>(id);
        await member.Enrol(MemberHistory.Profile(index));
        var random = new Random(unchecked(options.Seed * 1_000_003 + index));
        for (var n = 1; n <= options.Purchases; n++)
        {
            var result = await member.Purchase(MemberHistory.Purchase(id, n, random));
            if (!result.IsSuccess)
                throw new InvalidOperationException($"Purchase {n} of {id} was refused: {result.Rejection}");
        }
    }

    /// <summary>Reads every member's account (each must be active and enrolled) and adds up their ledger entries.</summary>
    private static async Task<long> SumLedgerSequencesAsync(IGrainFactory grains, int[] indices, int concurrency, CancellationToken cancellationToken)
    {
        long sum = 0;
        await ForEachAsync(indices, concurrency, async i =>
        {
            var account = await grains.GetGrain<IMemberGrain>(MemberHistory.MemberId(i)).GetAccount()
                ?? throw new InvalidOperationException($"Member {MemberHistory.MemberId(i)} is not enrolled.");
            Interlocked.Add(ref sum, account.LedgerSequence);
        }, cancellationToken);
        return sum;
    }

    /// <summary>Active grains of each kind on the silo, warm-up grains included.</summary>
    private static async Task<(int Empty, int Member)> CountActivationsAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var empty = await management.GetActiveGrains(TypeOf(grains.GetGrain<IEmptyGrain>("count")));
        var member = await management.GetActiveGrains(TypeOf(grains.GetGrain<IMemberGrain>("count")));
        return (empty.Count, member.Count);

        static GrainType TypeOf(IAddressable grain) => grain.GetGrainId().Type;
    }

    private static Task ForEachAsync(int[] indices, int concurrency, Func<int, Task> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(indices, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, _) => await body(i));

    private static double Lap(Stopwatch phase)
    {
        var seconds = phase.Elapsed.TotalSeconds;
        phase.Restart();
        return seconds;
    }

    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MiB live";
}
