namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>The account as tills and apps see it. Call <see cref="Advance"/> first for an up-to-date view.</summary>
    /// <param name="clubs">The clubs to show; null (usual) for the member's own, in the order they joined them.</param>
    public AccountView View(MemberState s, string memberId, DateTimeOffset now, IReadOnlyList<string>? clubs = null)
    {
        var spend = QualifyingSpend(s, now);
        var rank = TierRank(s.Tier);
        var next = rank + 1 < _options.Tiers.Count ? _options.Tiers[rank + 1] : null;
        var progress = new TierProgress(spend, next?.Name, next is null ? null : Math.Max(0, next.Threshold - spend));
        DateOnly? heldUntil = s.TierReachedAt is { } reachedAt && rank > 0 ? Day(reachedAt.AddMonths(_options.TierHoldMonths)) : null;
        var expiring = s.Lots.Count > 0 ? new PointsExpiring(s.Lots[0].Points, s.Lots[0].ExpiresOn) : null;
        // One entry per group (card and expiry day), with its count: the view stays small however many rewards are open.
        var open = OpenRewards(s);
        var rewards = new RewardView[open.Count(r => r.ExpiresAt > now)];
        var usable = 0;
        foreach (var reward in open)
            if (reward.ExpiresAt > now)
                rewards[usable++] = ViewOf(reward);
        return new AccountView(memberId, s.Profile?.Name ?? "", s.Profile?.Email, s.Profile?.BirthDate, s.Balance, s.Tier, heldUntil,
            progress, StampCards(s), rewards, expiring, clubs ?? ClubIds(s), s.LastPurchaseAt, s.LifetimeSpend, s.EnrolledAt, s.LastSequence,
            s.Profile?.Phone, s.PendingPoints, PendingReleases(s));
    }
}
