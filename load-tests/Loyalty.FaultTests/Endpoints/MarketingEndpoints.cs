using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Endpoints;

/// <summary>
/// The calls of the clubs, promotions and retention insights, with who may call each as the engine's policies say: the
/// catalogues and the insights are marketing's, the club list is open to every reader, a member joins and leaves a club
/// for themself.
/// </summary>
internal static class MarketingEndpoints
{
    public const string ClubName = "Fault test club";
    public const string PromotionName = "Fault test promotion";

    /// <summary>A SKU no scenario sells: a promotion of the fault tests adds nothing to any purchase, even if it ran.</summary>
    public const string UnsoldSku = "FAULT-TEST-UNSOLD";

    private static readonly FieldSpec ClubNameField = new("name", FieldKind.Text, Required: true, MaxLength: 100);

    public static IReadOnlyList<EndpointSpec> All { get; } =
    [
        new("GET", "/api/clubs", EndpointAccess.StaffOrAnyMember, [], [], null),
        new("GET", "/api/clubs/audit", EndpointAccess.Marketing, [], ["limit", "before"], null),
        new("GET", "/api/clubs/{clubId}", EndpointAccess.StaffOrAnyMember, [], [], null),
        new("PUT", "/api/clubs/{clubId}", EndpointAccess.Marketing,
            [ClubNameField, new("description", FieldKind.Text, Required: false, MaxLength: 500)],
            [],
            _ => ClubBody()),
        new("PUT", "/api/clubs/{clubId}/members/{memberId}", EndpointAccess.MarketingOrThatMember, [], [], null),
        new("DELETE", "/api/clubs/{clubId}/members/{memberId}", EndpointAccess.MarketingOrThatMember, [], [], null),
        new("POST", "/api/promotions", EndpointAccess.Marketing,
            [
                new("name", FieldKind.Text, Required: true, MaxLength: 100),
                new("startsAt", FieldKind.Timestamp, Required: true),
                new("endsAt", FieldKind.Timestamp, Required: true),
                new("audience.clubId", FieldKind.Text, Required: false, MaxLength: 64),
                new("effect.kind", FieldKind.Text, Required: true, MaxLength: 16),
                new("effect.value", FieldKind.Integer, Required: true, Minimum: 1, Maximum: 1_000_000),
                new("effect.sku", FieldKind.Text, Required: false, MaxLength: 64),
                new("limitPerMember", FieldKind.Integer, Required: false, Minimum: 1, Maximum: int.MaxValue),
                new("budgetPoints", FieldKind.Integer, Required: false, Minimum: 1, Maximum: long.MaxValue),
            ],
            [],
            PromotionBody),
        new("GET", "/api/promotions", EndpointAccess.Marketing, [], ["active"], null),
        new("GET", "/api/promotions/audit", EndpointAccess.Marketing, [], ["limit", "before"], null),
        new("GET", "/api/promotions/{promotionId}", EndpointAccess.Marketing, [], [], null),
        new("POST", "/api/promotions/{promotionId}/end", EndpointAccess.Marketing, [], [], null),
        new("GET", "/api/members/{memberId}/promotions", EndpointAccess.StaffOrThatMember, [], [], null),
        new("GET", "/api/insights/retention", EndpointAccess.Marketing, [], ["period", "count"], null),
        new("GET", "/api/insights/at-risk", EndpointAccess.Marketing, [], ["reason", "limit", "offset"], null),
        new("GET", "/api/insights/top-members", EndpointAccess.Marketing, [], ["share", "revenueShare", "limit"], null),
        new("GET", "/api/insights/lost", EndpointAccess.Marketing, [], ["months", "limit"], null),
    ];

    public static JsonObject ClubBody() => new() { ["name"] = ClubName, ["description"] = "Members of the fault tests" };

    /// <summary>
    /// A valid promotion that can never change a purchase of the run: it starts eight years ahead, is for a club of
    /// its own that no member joins, gives 1 point on a SKU nobody buys, once per member, from a budget of 1 point.
    /// Each safeguard holds when a hostile request changes another field.
    /// </summary>
    public static JsonObject PromotionBody(RequestTarget target) => new()
    {
        ["name"] = PromotionName,
        ["startsAt"] = YearsAhead(8),
        ["endsAt"] = YearsAhead(9),
        ["audience"] = new JsonObject { ["clubId"] = target.ClubId },
        ["effect"] = new JsonObject { ["kind"] = "bonusPoints", ["value"] = 1, ["sku"] = UnsoldSku },
        ["limitPerMember"] = 1,
        ["budgetPoints"] = 1,
    };

    /// <summary>Midnight (UTC) of today's date that many years ahead: the same all day, so a seed gives the same bodies.</summary>
    private static string YearsAhead(int years) => DateTime.UtcNow.Date.AddYears(years).ToString("yyyy-MM-ddT00:00:00Z");
}
