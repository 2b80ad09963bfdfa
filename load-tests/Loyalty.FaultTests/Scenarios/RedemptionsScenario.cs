using System.Collections.Concurrent;
using Loyalty.FaultTests.Client;
using Loyalty.FaultTests.Load;
using Loyalty.FaultTests.Verification;

namespace Loyalty.FaultTests.Scenarios;

/// <summary>
/// Fault test 3: one member, many redeemers at once on all three nodes, together asking for more points than the
/// member has; a few redeemers send their redemption twice at the same moment, to two nodes, with the same id. The
/// balance must never go below zero, and the ledger must show exactly the redemptions that were acknowledged.
/// </summary>
internal sealed class RedemptionsScenario : IFaultScenario
{
    private const int Redeemers = 48;
    private const int DoubleSenders = 8;
    private const long PointsEach = 30;

    /// <summary>800.00 crosses Silver (500.00), and the crossing sale already earns at Silver's 1.25: 1,000 points.</summary>
    private const decimal EarningSale = 800.00m;

    public string Name => "redemptions";

    public string Description =>
        $"one member with 1,000 points; {Redeemers} concurrent redemptions of {PointsEach} over 3 nodes, {DoubleSenders} of them sent twice at once with the same id";

    public async Task<FaultReport> Run(FaultContext context, CancellationToken cancellation)
    {
        var report = new FaultReport(Name);
        var tills = context.Nodes.Select(n => new TillClient(n, context.TillKey, TimeSpan.FromSeconds(30))).ToArray();
        try
        {
            var memberId = Members.Named(context.RunId, "R", 1)[0];
            await Members.Enrol(tills, [memberId], cancellation);
            var earned = await Retrying(() => tills[0].Purchase(memberId, $"{context.RunId}-R-EARN", 1, EarningSale, cancellation), cancellation);
            var start = await tills[1].Points(memberId, cancellation) ?? throw new InvalidOperationException("the account did not answer");
            report.Count("points before the redemptions", start).Count("redemptions sent (distinct ids)", Redeemers)
                .Count("redemptions sent twice at once with the same id", DoubleSenders);

            var answers = new ConcurrentBag<(string TransactionId, TillAnswer Answer)>();
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var calls = Enumerable.Range(0, Redeemers).SelectMany(i =>
            {
                var id = $"{context.RunId}-R{i}";
                var copies = i < DoubleSenders ? 2 : 1;
                return Enumerable.Range(0, copies).Select(copy => Task.Run(async () =>
                {
                    await go.Task;
                    var answer = await Retrying(() => tills[(i + copy) % tills.Length].Redeem(memberId, id, PointsEach, cancellation), cancellation);
                    answers.Add((id, answer));
                }, cancellation));
            }).ToArray();
            go.SetResult();
            await Task.WhenAll(calls);

            var final = await tills[2].Points(memberId, cancellation);
            var ledger = await tills[0].Ledger(memberId, cancellation) ?? throw new InvalidOperationException("the ledger did not answer");
            var acknowledgedIds = answers.Where(a => a.Answer.Ok).Select(a => a.TransactionId).Distinct().ToArray();
            var rejections = answers.Where(a => !a.Answer.Ok).ToArray();
            var insufficient = rejections.Count(a => a.Answer.Status == 409 && a.Answer.IsProblem("urn:loyalty:problem:insufficient-points"));
            var duplicateAnswers = answers.Count(a => a.Answer.Ok && a.Answer.Body.Contains("\"duplicate\":true", StringComparison.Ordinal));
            var redemptions = Reconciliation.Of(acknowledgedIds, ledger.Where(l => l.Kind == "redemption").Select(l => l.TransactionId));
            var lowest = ledger.Min(l => l.Balance);

            report.Count("calls in all", answers.Count)
                .Count("acknowledged (distinct ids answered 200)", acknowledgedIds.Length)
                .Count("answered 200 with duplicate: true", duplicateAnswers)
                .Count("calls rejected 409 insufficient points", insufficient)
                .Count("calls rejected otherwise", rejections.Length - insufficient)
                .Count("ledger: redemptions found", redemptions.Found)
                .Count("ledger: duplicated", redemptions.Duplicated)
                .Count("ledger: lost", redemptions.Lost)
                .Count("ledger: unexpected", redemptions.Unexpected)
                .Count("points after the redemptions", final ?? -1)
                .Count("lowest balance in the ledger", lowest);
            report.Check("the earning sale was acknowledged", earned.Ok)
                .Check($"acknowledged × {PointsEach} ≤ the points before", acknowledgedIds.Length * PointsEach <= start)
                .Check("the redemptions took all they could: fewer than one more would fit", start - acknowledgedIds.Length * PointsEach < PointsEach)
                .Check($"final balance = points before − acknowledged × {PointsEach}", final == start - acknowledgedIds.Length * PointsEach)
                .Check("no balance in the ledger is below zero", lowest >= 0)
                .Check("the ledger has exactly the acknowledged redemptions, each once", redemptions.Exact)
                .Check("every rejection is the contract's 409 insufficient-points", rejections.Length == insufficient)
                .Check("each id answered at most once as a new redemption (duplicate: false)",
                    answers.Where(a => a.Answer.Ok && !a.Answer.Body.Contains("\"duplicate\":true", StringComparison.Ordinal))
                        .GroupBy(a => a.TransactionId).All(g => g.Count() == 1));
            return report;
        }
        finally
        {
            foreach (var client in tills)
                client.Dispose();
        }
    }

    /// <summary>Sends again (the same call, so the same id) while there is no answer or a 5xx, up to 20 times.</summary>
    private static async Task<TillAnswer> Retrying(Func<Task<TillAnswer>> call, CancellationToken cancellation)
    {
        for (var attempt = 0; ; attempt++)
        {
            var answer = await call();
            if (!answer.Retryable || attempt == 20)
                return answer;
            await Task.Delay(250, cancellation);
        }
    }
}
