using System.Collections.Concurrent;
using System.Diagnostics;

namespace Loyalty.LoadTests;

/// <summary>
/// Push latency: N SignalR connections each watch one fresh member; P one-coffee purchases go round-robin over the
/// members, C at a time (closed loop) or R per second by the clock (open loop, <c>--rate</c>). Each purchase is
/// matched to its BalanceChanged (same member and transaction id) and timed from the request and from the HTTP answer
/// to the event's arrival. The event may beat the answer: those latencies are negative. In the open loop "the request"
/// is the time the purchase was due, not the time it left, so a stall is charged to every purchase it held up.
/// </summary>
internal sealed class PushScenario(Arguments options, LoyaltyHttpDriver http)
{
    private readonly ConcurrentDictionary<(string MemberId, string TransactionId), Probe> probes = new();
    private int eventsMatched, duplicateEvents, unmatchedEvents, otherReason, syncEvents;

    public async Task<ScenarioResult> Run(CancellationToken cancellation)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var members = Enumerable.Range(0, options.Watchers).Select(i => $"PUSH-{run}-{i:D4}").ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellation };

        await Parallel.ForEachAsync(members, parallel, async (memberId, ct) => await http.Enrol(memberId, "Push probe", ct));

        var hub = new Uri(http.BaseUrl, "/hubs/loyalty");
        var watchers = new ConcurrentBag<Watcher>();
        var connecting = Stopwatch.GetTimestamp();
        try
        {
            await Parallel.ForEachAsync(members, parallel, async (memberId, ct) =>
                watchers.Add(await Watcher.Open(hub, options.Key, options.Protocol, memberId, Matched, ct)));
            var connectSeconds = Stopwatch.GetElapsedTime(connecting).TotalSeconds;

            var purchases = Enumerable.Range(0, options.Count)
                .Select(i => new Probe(members[i % members.Length], $"{run}-T{i:D6}"))
                .ToArray();
            foreach (var probe in purchases)
                probes[(probe.MemberId, probe.TransactionId)] = probe;

            var sending = Stopwatch.GetTimestamp();
            if (options.Rate is { } rate)
            {
                var loop = new OpenLoop(rate, purchases.Length, options.MaxOutstanding);
                await loop.Dispatch(
                    sending,
                    i => purchases[i],
                    async (probe, intended) =>
                    {
                        probe.DueAt = sending + (long)(intended * Stopwatch.Frequency);
                        await Send(probe, cancellation);
                    },
                    (probe, _) => probe.Dropped = true,
                    cancellation);
                await loop.WhenIdle(cancellation);
            }
            else
                await Parallel.ForEachAsync(purchases, parallel, async (probe, ct) => await Send(probe, ct));
            var sendSeconds = Stopwatch.GetElapsedTime(sending).TotalSeconds;

            var succeeded = purchases.Count(p => p.Answer?.Ok == true);
            var waitUntil = Stopwatch.GetTimestamp() + (long)(options.EventWait.TotalSeconds * Stopwatch.Frequency);
            while (Volatile.Read(ref eventsMatched) < succeeded && Stopwatch.GetTimestamp() < waitUntil)
                await Task.Delay(10, cancellation);

            return Report(purchases, watchers.ToArray(), connectSeconds, sendSeconds);
        }
        finally
        {
            await Parallel.ForEachAsync(watchers, new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (watcher, _) => await watcher.DisposeAsync());
        }
    }

    /// <summary>One purchase, its send and answer stamped. In the open loop a failure to get an answer is recorded as
    /// the purchase's answer (status 0), as nothing else would see it.</summary>
    private async Task Send(Probe probe, CancellationToken cancellation)
    {
        probe.SentAt = Stopwatch.GetTimestamp();
        if (probe.DueAt == 0)
            probe.DueAt = probe.SentAt;
        try
        {
            var answer = await http.Purchase(probe.MemberId, probe.TransactionId, cancellation);
            probe.AnsweredAt = Stopwatch.GetTimestamp();
            probe.Answer = answer;
        }
        catch (Exception e) when (options.Rate is not null && !cancellation.IsCancellationRequested)
        {
            probe.AnsweredAt = Stopwatch.GetTimestamp();
            probe.Answer = new PurchaseAnswer(0, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private void Matched(BalanceChanged change, long arrivedAt)
    {
        if (change.Reason == "sync")
        {
            Interlocked.Increment(ref syncEvents);
            return;
        }
        if (change.TransactionId is null || !probes.TryGetValue((change.MemberId, change.TransactionId), out var probe))
        {
            Interlocked.Increment(ref unmatchedEvents);
            return;
        }
        if (change.Reason != "purchase")
        {
            Interlocked.Increment(ref otherReason);
            return;
        }
        if (Interlocked.CompareExchange(ref probe.EventAt, arrivedAt, 0) != 0)
        {
            Interlocked.Increment(ref duplicateEvents);
            return;
        }
        Interlocked.Increment(ref eventsMatched);
    }

    private ScenarioResult Report(Probe[] purchases, Watcher[] watchers, double connectSeconds, double sendSeconds)
    {
        var ok = purchases.Where(p => p.Answer?.Ok == true).ToArray();
        var sent = purchases.Where(p => !p.Dropped).ToArray();
        var received = ok.Where(p => p.EventAt != 0).ToArray();
        static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

        var report = new PushReport(
            Scenario: "push",
            Url: http.BaseUrl.ToString(),
            Protocol: options.Protocol,
            Watchers: watchers.Length,
            Concurrency: options.Concurrency,
            Mode: options.Rate is null ? "closed" : "open",
            Rate: options.Rate,
            MaxOutstanding: options.Rate is null ? null : options.MaxOutstanding,
            Purchases: purchases.Length,
            PurchasesFailed: sent.Length - ok.Length,
            PurchasesDropped: purchases.Length - sent.Length,
            FirstFailure: sent.FirstOrDefault(p => p.Answer?.Ok != true) is { } failed ? $"{failed.Answer?.Status} {failed.Answer?.Error}" : null,
            EventsReceived: received.Length,
            EventsMissing: ok.Length - received.Length,
            EventsBeforeResponse: received.Count(p => p.EventAt < p.AnsweredAt),
            DuplicateEvents: duplicateEvents,
            UnmatchedEvents: unmatchedEvents,
            OtherReason: otherReason,
            OutOfOrderEvents: watchers.Sum(w => w.OutOfOrder),
            OutOfOrderMembers: watchers.Count(w => w.OutOfOrder > 0),
            SkippedSequences: watchers.Sum(w => w.SkippedSequences),
            SyncEvents: syncEvents,
            EventsWithoutSequence: watchers.Sum(w => w.WithoutSequence),
            EventsForOtherMembers: watchers.Sum(w => w.ForeignMember),
            UnreadableEvents: watchers.Sum(w => w.Unreadable),
            BalanceChangedEvents: watchers.Sum(w => w.BalanceEvents),
            RewardIssuedEvents: watchers.Sum(w => w.RewardEvents),
            TierChangedEvents: watchers.Sum(w => w.TierEvents),
            ConnectionsLost: watchers.Sum(w => w.ClosedUnexpectedly),
            FirstConnectionLoss: watchers.Select(w => w.CloseError).FirstOrDefault(e => e is not null),
            UnwatchFailed: watchers.Sum(w => w.UnwatchFailed),
            BalanceChangedFields: watchers.Select(w => w.BalanceChangedFields).FirstOrDefault(f => f is not null),
            ConnectSeconds: Math.Round(connectSeconds, 3),
            SendSeconds: Math.Round(sendSeconds, 3),
            PurchasesPerSecond: Math.Round(ok.Length / sendSeconds, 1),
            Http: LatencySummary.Of(ok.Select(p => Ms(p.DueAt, p.AnsweredAt))),
            EventAfterResponse: LatencySummary.Of(received.Select(p => Ms(p.AnsweredAt, p.EventAt))),
            EventAfterRequest: LatencySummary.Of(received.Select(p => Ms(p.DueAt, p.EventAt))),
            SendLag: options.Rate is null ? null : LatencySummary.Of(sent.Select(p => Ms(p.DueAt, p.SentAt))));

        var summary = string.Join("; ",
            FormattableString.Invariant($"push {options.Protocol.ToString().ToLowerInvariant()}, {(options.Rate is { } r ? $"open loop {r}/s" : $"closed loop {options.Concurrency}")}: {report.Purchases} purchases ({report.PurchasesFailed} failed, {report.PurchasesDropped} dropped) over {report.Watchers} watchers, {report.EventsReceived} events, {report.EventsMissing} missing, {report.OutOfOrderEvents} out of order, {report.SkippedSequences} skipped sequences, {report.DuplicateEvents} duplicate, {report.EventsBeforeResponse} before the response"),
            $"event after response: {LatencySummary.Describe(report.EventAfterResponse)}",
            $"event after {(options.Rate is null ? "request" : "due time")}: {LatencySummary.Describe(report.EventAfterRequest)}",
            $"http: {LatencySummary.Describe(report.Http)}",
            FormattableString.Invariant($"{report.PurchasesPerSecond:0} purchases/s"));

        var clean = report is { PurchasesFailed: 0, PurchasesDropped: 0, EventsMissing: 0, OutOfOrderEvents: 0, DuplicateEvents: 0, UnmatchedEvents: 0,
            OtherReason: 0, SkippedSequences: 0, SyncEvents: 0, EventsWithoutSequence: 0, EventsForOtherMembers: 0, UnreadableEvents: 0, ConnectionsLost: 0 };
        return new ScenarioResult(summary, report, clean);
    }

    private sealed class Probe(string memberId, string transactionId)
    {
        public string MemberId { get; } = memberId;
        public string TransactionId { get; } = transactionId;
        public long DueAt;
        public long SentAt;
        public long AnsweredAt;
        public bool Dropped;
        public long EventAt;
        public PurchaseAnswer? Answer;
    }
}

internal sealed record PushReport(
    string Scenario,
    string Url,
    PushProtocol Protocol,
    int Watchers,
    int Concurrency,
    string Mode,
    int? Rate,
    int? MaxOutstanding,
    int Purchases,
    int PurchasesFailed,
    int PurchasesDropped,
    string? FirstFailure,
    int EventsReceived,
    int EventsMissing,
    int EventsBeforeResponse,
    int DuplicateEvents,
    int UnmatchedEvents,
    int OtherReason,
    int OutOfOrderEvents,
    int OutOfOrderMembers,
    long SkippedSequences,
    int SyncEvents,
    int EventsWithoutSequence,
    int EventsForOtherMembers,
    int UnreadableEvents,
    int BalanceChangedEvents,
    int RewardIssuedEvents,
    int TierChangedEvents,
    int ConnectionsLost,
    string? FirstConnectionLoss,
    int UnwatchFailed,
    string? BalanceChangedFields,
    double ConnectSeconds,
    double SendSeconds,
    double PurchasesPerSecond,
    LatencySummary? Http,
    LatencySummary? EventAfterResponse,
    LatencySummary? EventAfterRequest,
    LatencySummary? SendLag);
