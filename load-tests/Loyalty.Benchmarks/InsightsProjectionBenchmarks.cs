using BenchmarkDotNet.Attributes;
using Loyalty.Domain;
using Loyalty.Domain.Insights;

namespace Loyalty.Benchmarks;

/// <summary>
/// What the insights projector spends in our code on a member with a long history who buys once more: reading the
/// facts of the whole ledger again (<see cref="MemberFacts.FromLedger"/>, as every pass did) against folding the new sale
/// into the stored facts (<see cref="MemberFacts.Fold"/>), each followed by the evaluation and the facts' JSON written back.
/// The database's part (reading the whole history, or only the new entries) comes on top and is not measured here.
/// </summary>
[MemoryDiagnoser]
public class InsightsProjectionBenchmarks
{
    private readonly InsightsOptions _options = new();
    private LedgerEntry[] _history = [];
    private LedgerEntry[] _newSale = [];
    private string _storedFacts = "";
    private DateTimeOffset _asOf;

    /// <summary>Sales in the member's history: 52 a day for two years.</summary>
    [Params(38_000)]
    public int Sales { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = ProgrammeOptions.Demo();
        options.TransactionWindowDays = 366;
        var programme = new Programme(options);
        var member = new MemberState();
        var start = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
        programme.Enrol(member, new MemberProfile("Ada", null, null), start);
        var step = TimeSpan.FromDays(730) / Sales;
        for (var i = 0; i <= Sales; i++)
        {
            var at = start + step * (i + 1);
            programme.ApplyPurchase(member, new Purchase($"T-{i}", "S-01", at,
                [new PurchaseLine("LATTE", "coffee", 1 + i % 2, 3.20m), new PurchaseLine("CROISSANT", i % 3 == 0 ? "bakery" : "pastry", 1, 2.80m)]), at);
        }
        var entries = member.Outbox.ToArray();
        var lastSale = Array.FindLastIndex(entries, e => e.Kind == LedgerKinds.Purchase);
        _history = entries[..lastSale];
        _newSale = entries[lastSale..];
        _storedFacts = MemberFacts.FromLedger(_history).ToJson();
        _asOf = _newSale[0].At;
    }

    [Benchmark(Baseline = true, Description = "insights: read the whole history again")]
    public int FullRead() => Project(MemberFacts.FromLedger(_history.Concat(_newSale)));

    [Benchmark(Description = "insights: fold the new sale into the stored facts")]
    public int Fold() => Project(MemberFacts.FromJson(_storedFacts).Fold(_newSale)!);

    private int Project(MemberFacts facts) =>
        facts.ToJson().Length + InsightsRules.Evaluate(facts, _asOf, _options).Reasons.Count;
}
