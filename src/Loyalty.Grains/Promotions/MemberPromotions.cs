using Loyalty.Domain;

namespace Loyalty.Grains.Promotions;

/// <summary>
/// What member grains on this node use to apply promotions: the node's catalogue snapshot, its budget share and the
/// members' segments. Building a purchase's context calls no grain in the steady state.
/// </summary>
public sealed class MemberPromotions(
    PromotionCatalogueCache catalogue,
    PromotionBudgetReservations budget,
    IMemberSegments segments,
    Programme programme)
{
    /// <summary>
    /// The promotions a purchase is applied with, and the budget points set aside for it (release them once the
    /// purchase is applied). For each running promotion with a budget that could apply to the purchase, the most
    /// points it could give are set aside first; that waits for the budget grain only when this node holds too few.
    /// </summary>
    public async ValueTask<(PromotionContext Context, PurchaseBudget? Held)> ForPurchaseAsync(
        MemberState state, string memberId, Purchase purchase, DateTimeOffset now)
    {
        var snapshot = catalogue.Snapshot;
        var context = ContextOf(snapshot, memberId);
        if (snapshot.Budgeted.Count == 0)
            return (context, null);
        var occurredAt = purchase.OccurredAt ?? now;
        PurchaseBudget? held = null;
        foreach (var p in snapshot.Budgeted)
        {
            var most = programme.MostPromotionPoints(state, p, purchase.Lines, context.Segments, occurredAt);
            if (most <= 0)
                continue;
            held ??= new PurchaseBudget(budget);
            held.Hold(p.Id, await budget.HoldAsync(p, most));
        }
        return held is null ? (context, null) : (context with { Budget = held }, held);
    }

    /// <summary>
    /// The promotions open to a member now (running, in the audience, within the per-member limit), leaving out
    /// those whose budget is spent as far as this node knows.
    /// </summary>
    public IReadOnlyList<PromotionDefinition> OpenTo(MemberState state, string memberId, DateTimeOffset now) =>
        programme.PromotionsOpenTo(state, ContextOf(catalogue.Snapshot, memberId), now)
            .Where(p => p.BudgetPoints is null || !budget.IsSpent(p.Id))
            .ToArray();

    /// <summary>Which of <paramref name="promotions"/> are open to the member now, whatever this node's snapshot holds.</summary>
    public IReadOnlyList<PromotionDefinition> OpenAmong(IReadOnlyList<PromotionDefinition> promotions, MemberState state, string memberId,
        DateTimeOffset now) =>
        programme.PromotionsOpenTo(state, new PromotionContext(promotions, segments.SegmentsOf(memberId)), now);

    private PromotionContext ContextOf(PromotionCatalogueSnapshot snapshot, string memberId) =>
        snapshot.Promotions.Count > 0 && segments.SegmentsOf(memberId) is { } inSegments
            ? snapshot.Context with { Segments = inSegments }
            : snapshot.Context;
}
