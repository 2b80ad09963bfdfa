using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Cluster;

/// <summary>
/// The club and promotion catalogues as the engine shows them to marketing at one moment: every club, every
/// promotion, and both audit trails, as JSON.
/// </summary>
internal sealed record CatalogueSnapshot(string Clubs, string Promotions, string ClubAudit, string PromotionAudit)
{
    public static async Task<CatalogueSnapshot> Take(EngineNodes nodes, int node, Credential marketing, CancellationToken cancellation) =>
        new((await nodes.Json(node, "GET", "/api/clubs", null, marketing, cancellation)).ToJsonString(),
            (await nodes.Json(node, "GET", "/api/promotions", null, marketing, cancellation)).ToJsonString(),
            (await nodes.Json(node, "GET", "/api/clubs/audit", null, marketing, cancellation)).ToJsonString(),
            (await nodes.Json(node, "GET", "/api/promotions/audit", null, marketing, cancellation)).ToJsonString());

    /// <summary>The clubs by id, as JSON.</summary>
    public IReadOnlyDictionary<string, string> ClubsById => ById(Clubs, "clubId");

    /// <summary>The promotions by id, as JSON.</summary>
    public IReadOnlyDictionary<string, string> PromotionsById => ById(Promotions, "id");

    /// <summary>The club audit entries after the first <paramref name="skip"/>: (sequence, club id).</summary>
    public IReadOnlyList<(long Sequence, string Id)> ClubAuditAfter(int skip) => Entries(ClubAudit, "club", "clubId", skip);

    /// <summary>The promotion audit entries after the first <paramref name="skip"/>: (sequence, promotion id).</summary>
    public IReadOnlyList<(long Sequence, string Id)> PromotionAuditAfter(int skip) => Entries(PromotionAudit, "promotion", "id", skip);

    public int ClubAuditCount => JsonNode.Parse(ClubAudit)!.AsArray().Count;

    public int PromotionAuditCount => JsonNode.Parse(PromotionAudit)!.AsArray().Count;

    private static Dictionary<string, string> ById(string json, string idProperty) =>
        JsonNode.Parse(json)!.AsArray().ToDictionary(n => (string)n![idProperty]!, n => n!.ToJsonString(), StringComparer.Ordinal);

    private static List<(long, string)> Entries(string json, string subject, string idProperty, int skip) =>
        [.. JsonNode.Parse(json)!.AsArray().Skip(skip).Select(e => ((long)e!["sequence"]!, (string)e[subject]![idProperty]!))];
}
