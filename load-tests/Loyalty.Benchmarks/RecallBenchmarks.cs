using BenchmarkDotNet.Attributes;
using Loyalty.Domain;

namespace Loyalty.Benchmarks;

/// <summary>What a member's activation costs in our code: rebuilding 200 recent transactions from their ledger entries.</summary>
[MemoryDiagnoser]
public class RecallBenchmarks
{
    private readonly Programme _programme = new(ProgrammeOptions.Demo());
    private MemberState _member = null!;
    private LedgerEntry[] _entries = [];
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _member = new MemberState();
        _now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        _programme.Enrol(_member, new MemberProfile("Ada", null, null), _now);
        for (var i = 0; i < 200; i++)
        {
            _now = _now.AddMinutes(10);
            _programme.ApplyPurchase(_member, new Purchase($"T-{i}", "S-01", null,
                [new PurchaseLine("LATTE", "coffee", 1, 3.20m), new PurchaseLine("CROISSANT", "bakery", 1, 2.80m)]), _now);
        }
        _entries = [.. _member.Outbox];
    }

    [Benchmark(Description = "recall 200 transactions from the ledger")]
    public int Recall()
    {
        _programme.Recall(_member, _entries, _now);
        return _member.Transactions.Count;
    }
}
