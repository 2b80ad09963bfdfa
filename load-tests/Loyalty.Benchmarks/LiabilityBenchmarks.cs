using BenchmarkDotNet.Attributes;
using Loyalty.Domain;

namespace Loyalty.Benchmarks;

/// <summary>
/// What a purchase's liability change costs outside the rules: written as JSON with its ledger entry, read back by the
/// liability projector and added to the member's other changes of the batch. A change of three lines, as a sale that
/// repays debt and has pending points makes.
/// </summary>
[MemoryDiagnoser]
public class LiabilityBenchmarks
{
    private static readonly LiabilityChange Change = new(
    [
        new LiabilityLine(new LiabilityKey(LiabilityKind.Spendable, new DateOnly(2027, 3, 31)), 120),
        new LiabilityLine(new LiabilityKey(LiabilityKind.Pending, new DateOnly(2027, 4, 30)), 50),
        new LiabilityLine(LiabilityKey.Debt, -20),
    ]);

    private static readonly string Json = Change.ToJson();

    [Benchmark(Description = "liability change to JSON, 3 lines")]
    public int ToJson() => Change.ToJson().Length;

    [Benchmark(Description = "liability change from JSON, 3 lines")]
    public int FromJson() => LiabilityChange.FromJson(Json)!.Lines.Count;

    [Benchmark(Description = "two liability changes combined, 3 lines each")]
    public int Combine() => LiabilityChange.Combine(Change, Change)!.Lines.Count;
}
