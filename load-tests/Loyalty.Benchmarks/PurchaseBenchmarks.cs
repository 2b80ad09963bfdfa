using BenchmarkDotNet.Attributes;
using Loyalty.Domain;

namespace Loyalty.Benchmarks;

/// <summary>
/// The rules a purchase runs, on a member with a long history (a year of daily purchases: lots, spend days and
/// remembered transactions at their bounds) and on a fresh one. Every iteration is a new 5-line sale (two coffee
/// lines, so the stamp card counts) at a later time; the member's state stays at its bounds, and the outbox, which
/// the grain empties into the ledger, is emptied here too, and free coffees do not pile up beyond 20.
/// </summary>
[MemoryDiagnoser]
public class PurchaseBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly Programme _programme = new(ProgrammeOptions.Demo());
    private MemberState _busy = null!;
    private MemberState _fresh = null!;
    private Purchase _replay = null!;
    private DateTimeOffset _now;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _busy = Member();
        _now = Start;
        for (var day = 0; day < 400; day++)
        {
            _now = Start.AddDays(day);
            _programme.Advance(_busy, _now);
            for (var i = 0; i < 2; i++)
                _programme.ApplyPurchase(_busy, Sale($"H-{day}-{i}", null), _now);
            _busy.Outbox.Clear();
        }
        _replay = Sale("H-399-1", null);
        _fresh = Member();
    }

    [Benchmark(Description = "purchase, 5 lines, member with a year of history")]
    public long PurchaseOnBusyMember() => Purchase(_busy);

    [Benchmark(Description = "purchase, 5 lines, fresh member")]
    public long PurchaseOnFreshMember() => Purchase(_fresh);

    [Benchmark(Description = "purchase with its liability change, as the grain makes it, member with a year of history")]
    public long TrackedPurchaseOnBusyMember() => Purchase(_busy, tracked: true);

    [Benchmark(Description = "replayed purchase (duplicate)")]
    public bool ReplayedPurchase() => _programme.ApplyPurchase(_busy, _replay, _now).Value!.Duplicate;

    [Benchmark(Description = "account view")]
    public long View() => _programme.View(_busy, "M-1", _now).Points;

    [Benchmark(Description = "request fingerprint, 5 lines")]
    public int FingerprintOfPurchase() => Fingerprint.Of(_replay).Length;

    private long Purchase(MemberState member, bool tracked = false)
    {
        _now = _now.AddSeconds(1);
        Result<PurchaseOutcome> Apply()
        {
            _programme.Advance(member, _now);
            return _programme.ApplyPurchase(member, Sale($"B-{++_next}", null), _now);
        }
        var result = tracked ? LiabilityTracking.Track(member, Apply) : Apply();
        member.Outbox.Clear();
        // As if redeemed: a steady state of at most 20 open groups of rewards (they are counted by card and expiry day).
        for (var open = member.RewardBatches.Sum(b => b.Count); open > 20; open--)
        {
            var oldest = member.RewardBatches[0];
            oldest.Take(0, oldest[0].Count);
            if (oldest.Count == 0)
                member.RewardBatches.RemoveAt(0);
        }
        return result.Value!.PointsEarned;
    }

    private MemberState Member()
    {
        var member = new MemberState();
        _programme.Enrol(member, new MemberProfile("Ada", "ada@example.org", null), Start);
        member.Outbox.Clear();
        return member;
    }

    private static Purchase Sale(string transactionId, DateTimeOffset? occurredAt) => new(transactionId, "S-01", occurredAt,
    [
        new PurchaseLine("LATTE", "coffee", 2, 3.20m),
        new PurchaseLine("ESPRESSO", "coffee", 1, 2.40m),
        new PurchaseLine("CROISSANT", "bakery", 2, 2.80m),
        new PurchaseLine("SANDWICH", "food", 1, 6.50m),
        new PurchaseLine("WATER", "drinks", 1, 1.50m),
    ]);
}
