using System.Collections.Concurrent;
using System.Diagnostics;

namespace Loyalty.LoadTests;

internal enum SampleOutcome { Ok, Expected, Error, Dropped }

/// <summary>One request of a timed run. Times are seconds after the run's start; for the open loop
/// <see cref="Start"/> is the time the schedule meant the request to leave. <see cref="Status"/> is 0 when the
/// request got no answer (then <see cref="Exception"/> names why) or was dropped.</summary>
internal readonly record struct Sample(Operation Operation, SampleOutcome Outcome, int Status, string? Exception, double Start, double End)
{
    public double LatencyMs => (End - Start) * 1000;

    public static SampleOutcome Classify(Operation operation, int status) => status switch
    {
        >= 200 and < 300 => SampleOutcome.Ok,
        409 when operation == Operation.Redeem => SampleOutcome.Expected,
        _ => SampleOutcome.Error,
    };
}

/// <summary>A request to send: the operation, the member, and the basket or points it carries.</summary>
internal sealed record LoadRequest(Operation Operation, int Member, BasketLine[]? Lines, long Points);

/// <summary>Draws requests from a seeded <see cref="Random"/>: the operation from the mix, the member from the
/// sampler, a basket of 1 to 5 lines or 1 to 10 points to redeem.</summary>
internal sealed class RequestSource(OperationMix mix, IMemberSampler members)
{
    private static readonly BasketLine[] Catalogue =
    [
        new("LATTE", "coffee", 1, 3.20m),
        new("ESPRESSO", "coffee", 1, 2.10m),
        new("FLAT-WHITE", "coffee", 1, 3.40m),
        new("CROISSANT", "bakery", 1, 2.50m),
        new("SANDWICH", "food", 1, 5.90m),
        new("WATER", "drinks", 1, 1.50m),
    ];

    public LoadRequest Next(Random random)
    {
        var operation = mix.Next(random);
        var member = members.Next(random);
        return operation switch
        {
            Operation.Purchase => new LoadRequest(operation, member, Basket(random), 0),
            Operation.Redeem => new LoadRequest(operation, member, null, random.Next(1, 11)),
            _ => new LoadRequest(operation, member, null, 0),
        };
    }

    private static BasketLine[] Basket(Random random)
    {
        var lines = new BasketLine[random.Next(1, 6)];
        for (var i = 0; i < lines.Length; i++)
            lines[i] = Catalogue[random.Next(Catalogue.Length)] with { Quantity = random.Next(1, 4) };
        return lines;
    }
}

/// <summary>
/// Sends requests for <c>warmup + duration</c> seconds, closed loop (N workers, each sending its next request when the
/// previous one is answered) or open loop (by the clock at a fixed rate, at most a bounded number in flight, the rest
/// dropped), and records every request as a <see cref="Sample"/>. Requests still unanswered 10 s after the end are
/// cancelled. At most <see cref="MaxRequests"/> requests are sent.
/// </summary>
internal sealed class LoadRunner(LoyaltyHttpDriver http, string[] members, RequestSource source, int seed, TimeSpan total)
{
    public const long MaxRequests = 5_000_000;

    /// <summary>The engine's request that does no work, sent by the <c>live</c> operation.</summary>
    public const string LivePath = "/health/live";

    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<Sample> samples = new();
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private long sequence;
    private long started;
    private int outstanding;

    public bool HitRequestCap { get; private set; }

    public IReadOnlyCollection<Sample> Samples => samples;

    public async Task RunClosed(int workers, CancellationToken stop)
    {
        using var requests = CancellationTokenSource.CreateLinkedTokenSource(stop);
        started = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(() => Worker(w), stop)).ToArray();
        await Drain(requests, () => Volatile.Read(ref outstanding), stop);
        await Task.WhenAll(tasks);

        async Task Worker(int index)
        {
            var random = new Random(unchecked(seed * 7919 + index));
            while (!stop.IsCancellationRequested && Now() < total.TotalSeconds)
            {
                if (Interlocked.Increment(ref sequence) > MaxRequests)
                {
                    HitRequestCap = true;
                    return;
                }
                Interlocked.Increment(ref outstanding);
                try
                {
                    await Execute(source.Next(random), Now(), requests.Token, stop);
                }
                finally
                {
                    Interlocked.Decrement(ref outstanding);
                }
            }
        }
    }

    public async Task RunOpen(double rate, int maxOutstanding, CancellationToken stop)
    {
        using var requests = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var random = new Random(seed);
        var count = Math.Min(OpenLoopSchedule.Total(total.TotalSeconds, rate), MaxRequests);
        HitRequestCap = count < OpenLoopSchedule.Total(total.TotalSeconds, rate);
        var loop = new OpenLoop(rate, count, maxOutstanding);
        started = Stopwatch.GetTimestamp();
        await loop.Dispatch(
            started,
            _ => source.Next(random),
            (request, intended) => Execute(request, intended, requests.Token, stop),
            (request, intended) => samples.Enqueue(new Sample(request.Operation, SampleOutcome.Dropped, 0, null, intended, intended)),
            stop);
        await Drain(requests, () => loop.Outstanding, stop);
    }

    private double Now() => Stopwatch.GetElapsedTime(started).TotalSeconds;

    /// <summary>Waits for the end of the run, then up to 10 s for the requests in flight, then cancels those left.</summary>
    private async Task Drain(CancellationTokenSource requests, Func<int> outstanding, CancellationToken stop)
    {
        var wait = total.TotalSeconds - Now();
        if (wait > 0)
            await Task.Delay(TimeSpan.FromSeconds(wait), stop);
        var deadline = Stopwatch.GetTimestamp() + (long)(Grace.TotalSeconds * Stopwatch.Frequency);
        while (outstanding() > 0 && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(10, stop);
        await requests.CancelAsync();
        while (outstanding() > 0)
            await Task.Delay(10, stop);
    }

    private async Task Execute(LoadRequest request, double start, CancellationToken requests, CancellationToken stop)
    {
        try
        {
            var status = request.Operation switch
            {
                Operation.Purchase => await http.Purchase(members[request.Member], NextTransactionId(), request.Lines!, requests),
                Operation.Redeem => await http.Redeem(members[request.Member], NextTransactionId(), request.Points, requests),
                Operation.Live => (await http.Get(LivePath, requests)).Status,
                _ => await http.ReadAccount(members[request.Member], requests),
            };
            samples.Enqueue(new Sample(request.Operation, Sample.Classify(request.Operation, status), status, null, start, Now()));
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            var name = requests.IsCancellationRequested ? "unanswered at the end" : e.GetType().Name;
            samples.Enqueue(new Sample(request.Operation, SampleOutcome.Error, 0, name, start, Now()));
        }
    }

    private string NextTransactionId() => $"{run}-{Interlocked.Increment(ref transactions):x}";

    private long transactions;
}
