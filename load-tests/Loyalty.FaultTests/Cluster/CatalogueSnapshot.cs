using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Cluster;

/// <summary>
/// The club and promotion catalogues as the engine shows them to marketing at one moment: every club, every
/// promotion, and both audit trails (every page, oldest entry first), as JSON.
/// </summary>
internal sealed record CatalogueSnapshot(string Clubs, string Promotions, string ClubAudit, string PromotionAudit)
{
    public static async Task<CatalogueSnapshot> Take(EngineNodes nodes, int node, Credential marketing, CancellationToken cancellation) =>
        new((await nodes.Json(node, "GET", "/api/clubs", null, marketing, cancellation)).ToJsonString(),
            (await nodes.Json(node, "GET", "/api/promotions", null, marketing, cancellation)).ToJsonString(),
            await WholeAudit(nodes, node, "/api/clubs/audit", marketing, cancellation),
            await WholeAudit(nodes, node, "/api/promotions/audit", marketing, cancellation));

    /// <summary>Every entry of an audit log, read page by page (newest first) with its cursor, as a JSON array oldest first.</summary>
    private static async Task<string> WholeAudit(EngineNodes nodes, int node, string path, Credential marketing, CancellationToken cancellation)
    {
        var entries = new List<JsonNode>();
        var query = "?limit=200";
        while (true)
        {
            var page = await nodes.Json(node, "GET", path + query, null, marketing, cancellation);
            entries.AddRange(page["entries"]!.AsArray().Select(e => e!.DeepClone()));
            if (page["nextBefore"] is not { } next)
                break;
            query = $"?limit=200&before={(long)next}";
        }
        entries.Reverse();
        return new JsonArray([.. entries]).ToJsonString();
    }

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
