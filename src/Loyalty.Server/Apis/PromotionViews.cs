using Loyalty.Domain;
using Loyalty.Grains.Promotions;

namespace Loyalty.Server.Apis;

/// <summary>
/// A promotion as marketing reads it. <c>status</c> is <c>scheduled</c> before its window, <c>running</c> in it,
/// <c>ended</c> after it or once ended early (then <c>endedAt</c> says when, <c>endedBy</c> who).
/// </summary>
public sealed record PromotionView(string Id, string Name, string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    DateTimeOffset? EndedAt, PromotionAudience Audience, PromotionEffect Effect, int? LimitPerMember, long? BudgetPoints,
    DateTimeOffset CreatedAt, string CreatedBy, string? EndedBy)
{
    public const string Scheduled = "scheduled", Running = "running", Ended = "ended";

    public static PromotionView From(PromotionRecord r, DateTimeOffset now)
    {
        var p = r.Definition;
        return new PromotionView(p.Id, p.Name, StatusOf(p, now), p.StartsAt, p.EndsAt, p.EndedAt, p.Audience, p.Effect,
            p.LimitPerMember, p.BudgetPoints, r.CreatedAt, r.CreatedBy, r.EndedBy);
    }

    public static string StatusOf(PromotionDefinition p, DateTimeOffset now) =>
        p.RunsAt(now) ? Running : now < p.StartsAt && p.EndedAt is null ? Scheduled : Ended;
}

/// <summary>A promotion as a member sees it: what it gives, on what, and until when (no budget, no audit).</summary>
public sealed record PromotionOffer(string Id, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, PromotionAudience Audience,
    PromotionEffect Effect, int? LimitPerMember)
{
    public static PromotionOffer From(PromotionDefinition p) =>
        new(p.Id, p.Name, p.StartsAt, p.EffectiveEnd, p.Audience, p.Effect, p.LimitPerMember);
}

/// <summary>The promotions open to a member now.</summary>
public sealed record MemberPromotionsResponse(string MemberId, IReadOnlyList<PromotionOffer> Promotions);

/// <summary>One change of the promotions: who, when, what, and the promotion as it became.</summary>
public sealed record PromotionAuditView(long Sequence, DateTimeOffset At, string By, string Action, PromotionDefinition Promotion)
{
    public static PromotionAuditView From(PromotionAuditEntry e) => new(e.Sequence, e.At, e.By, e.Action, e.Promotion);
}
