using Loyalty.Domain.Insights;
using Xunit.Abstractions;

namespace Loyalty.InsightsData.Tests;

/// <summary>
/// The insights find what the generator planted: 5,000 members recorded through the real programme, their ledger read
/// with <see cref="MemberFacts.FromLedger"/> and evaluated with the default options at the generator's asOf.
/// </summary>
public class PrecisionRecallTests(ITestOutputHelper output)
{
    private const int Members = 5000;

    private sealed record Scored(string Plant, MemberEvaluation Evaluation);

    private static readonly Lazy<IReadOnlyList<Scored>> Population = new(() =>
    {
        var generator = new InsightsDataGenerator(2026, GeneratorTests.AsOf);
        var options = new InsightsOptions();
        return generator.Members(Members).AsParallel().AsOrdered().WithDegreeOfParallelism(2)
            .Select(m => new Scored(m.Plant,
                InsightsRules.Evaluate(MemberFacts.FromLedger(ProgrammeLedger.Record(m)), GeneratorTests.AsOf, options)))
            .ToArray();
    });

    public static TheoryData<string> Kinds() => [RiskReasonNames.Lapsed, RiskReasonNames.AovFalling, RiskReasonNames.CategoryDropped, Plants.Lost];

    private static bool Flagged(MemberEvaluation e, string kind) => kind == Plants.Lost
        ? e.IsLost
        : RiskReasonNames.TryParse(kind, out var k) && e.Reasons.Any(r => r.Kind == k);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Precision_and_recall_are_at_least_90_percent(string kind)
    {
        var scored = Population.Value;
        int tp = 0, fp = 0, fn = 0;
        var wrong = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in scored)
        {
            var flagged = Flagged(s.Evaluation, kind);
            var planted = s.Plant == kind;
            if (flagged && planted)
                tp++;
            else if (flagged)
            {
                fp++;
                wrong[s.Plant] = wrong.GetValueOrDefault(s.Plant) + 1;
            }
            else if (planted)
                fn++;
        }
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        output.WriteLine($"{kind}: planted {tp + fn}, flagged {tp + fp}, precision {precision:0.000}, recall {recall:0.000}" +
            (wrong.Count == 0 ? "" : "; false positives among " + string.Join(", ", wrong.Select(w => $"{w.Key} {w.Value}"))));
        Assert.True(tp + fn >= 300, $"only {tp + fn} {kind} members planted");
        Assert.True(precision >= 0.9, $"{kind}: precision {precision:0.000}");
        Assert.True(recall >= 0.9, $"{kind}: recall {recall:0.000}");
    }

    [Fact]
    public void Steady_and_new_members_are_mostly_not_at_risk()
    {
        foreach (var plant in new[] { Plants.Steady, Plants.New })
        {
            var members = Population.Value.Where(s => s.Plant == plant).ToArray();
            var atRisk = members.Count(s => s.Evaluation.IsAtRisk || s.Evaluation.IsLost);
            var share = (double)atRisk / members.Length;
            output.WriteLine($"{plant}: {members.Length} members, {atRisk} flagged ({share:P1}): " + string.Join(", ", members
                .SelectMany(s => s.Evaluation.Reasons.Select(r => RiskReasonNames.NameOf(r.Kind)).Concat(s.Evaluation.IsLost ? ["lost"] : []))
                .GroupBy(k => k).Select(g => $"{g.Key} {g.Count()}")));
            Assert.True(share <= 0.03, $"{plant}: {share:P1} flagged");
        }
    }

    [Fact]
    public void At_risk_members_put_their_yearly_value_at_stake_and_lost_ones_none()
    {
        var scored = Population.Value;
        Assert.All(scored.Where(s => s.Evaluation.IsAtRisk), s => Assert.Equal(s.Evaluation.YearlyValueCents, s.Evaluation.ValueAtStakeCents));
        Assert.All(scored.Where(s => s.Evaluation.IsLost), s => Assert.Equal(0, s.Evaluation.ValueAtStakeCents));
        Assert.All(scored.Where(s => s.Plant == Plants.Steady), s => Assert.True(s.Evaluation.Spend12mCents > 0 && s.Evaluation.YearlyValueCents > 0));
    }
}
