namespace Loyalty.Server.Apis;

// Marketing request bodies as they arrive: every field nullable so that a missing field is a validation error.

public sealed record ClubRequest(string? Name, string? Description);

public sealed record PromotionAudienceRequest(string? ClubId, string? MinTier, string? Segment);

public sealed record PromotionEffectRequest(string? Kind, decimal? Value, string? Category, string? Sku, decimal? MinSpend);

public sealed record PromotionRequest(string? Name, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, PromotionAudienceRequest? Audience,
    PromotionEffectRequest? Effect, int? LimitPerMember, long? BudgetPoints);
