using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Endpoints;

/// <summary>What the fault tests know of one endpoint: who may call it, its body's fields, and a valid body.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Template">The route as the OpenAPI document writes it, e.g. <c>/api/members/{memberId}/purchases</c>.</param>
/// <param name="Access">Who may call it.</param>
/// <param name="Fields">The body's fields (none when the call has no body).</param>
/// <param name="QueryParameters">The query string parameters it reads.</param>
/// <param name="ValidBody">A body the engine accepts, for a target; null when the call has no body.</param>
/// <param name="ValidQuery">A query string the engine accepts, for a target; null when the call needs none.</param>
/// <param name="Status">The status of a permitted request when it is not 200 (or 201 for a new promotion).</param>
internal sealed record EndpointSpec(
    string Method,
    string Template,
    EndpointAccess Access,
    IReadOnlyList<FieldSpec> Fields,
    IReadOnlyList<string> QueryParameters,
    Func<RequestTarget, JsonObject>? ValidBody,
    Func<RequestTarget, string>? ValidQuery = null,
    int? Status = null)
{
    public string Key => $"{Method} {Template}";

    public bool HasBody => ValidBody is not null;

    public bool HasMemberInPath => Template.Contains("{memberId}", StringComparison.Ordinal);

    /// <summary>The path parameters other than the member's: a club's, a promotion's or a till's id, a card number.</summary>
    public static readonly IReadOnlyList<string> CatalogueParameters = ["{clubId}", "{promotionId}", "{cardNumber}", "{tillId}"];

    /// <summary>Whether an accepted call erases the member it names, for good (aimed at a member of its own).</summary>
    public bool ErasesMember => Method == "DELETE" && Template == "/api/members/{memberId}";

    /// <summary>Whether an accepted call changes an account (what the state checks watch).</summary>
    public bool Writes => IsWrite && HasMemberInPath;

    /// <summary>Whether an accepted call changes the clubs or the promotions (what the catalogue checks watch).</summary>
    public bool WritesCatalogue => IsWrite && !HasMemberInPath && IsMarketing;

    /// <summary>A call of the club and promotion catalogues, <c>/api/clubs...</c> or <c>/api/promotions...</c>.</summary>
    public bool IsMarketing => Template.StartsWith("/api/clubs", StringComparison.Ordinal) || Template.StartsWith("/api/promotions", StringComparison.Ordinal);

    /// <summary>The path parameter other than the member's that this call has, if any.</summary>
    public string? CatalogueParameter => CatalogueParameters.FirstOrDefault(p => Template.Contains(p, StringComparison.Ordinal));

    private bool IsWrite => Method is "PUT" or "POST" or "DELETE";

    /// <summary>The path for a target, with the member id escaped as given (hostile ids come already percent-encoded).</summary>
    public string PathFor(string escapedMemberId, RequestTarget target) =>
        Template.Replace("{memberId}", escapedMemberId, StringComparison.Ordinal)
            .Replace("{clubId}", target.ClubId, StringComparison.Ordinal)
            .Replace("{promotionId}", target.PromotionId, StringComparison.Ordinal)
            .Replace("{cardNumber}", target.CardNumber, StringComparison.Ordinal)
            .Replace("{tillId}", target.TillId, StringComparison.Ordinal);

    /// <summary>The path for a target with the query string a valid request has, if the call needs one.</summary>
    public string RequestFor(string escapedMemberId, RequestTarget target) =>
        ValidQuery is { } query ? $"{PathFor(escapedMemberId, target)}?{query(target)}" : PathFor(escapedMemberId, target);

    /// <summary>The path for a target with a hostile id (already percent-encoded) in place of the club's, promotion's or till's id or the card number.</summary>
    public string PathWithCatalogueId(string escapedId, RequestTarget target) =>
        PathFor(target.MemberId, CatalogueParameter switch
        {
            "{clubId}" => target with { ClubId = escapedId },
            "{cardNumber}" => target with { CardNumber = escapedId },
            "{tillId}" => target with { TillId = escapedId },
            _ => target with { PromotionId = escapedId },
        });
}
