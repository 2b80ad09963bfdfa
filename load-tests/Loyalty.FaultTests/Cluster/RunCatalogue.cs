using Loyalty.FaultTests.Endpoints;

namespace Loyalty.FaultTests.Cluster;

/// <summary>Clubs and promotions made for a run, and the ending of the promotions a run made.</summary>
internal static class RunCatalogue
{
    public static async Task CreateClub(EngineNodes nodes, int node, string clubId, Credential marketing, CancellationToken cancellation) =>
        await nodes.Json(node, "PUT", $"/api/clubs/{clubId}", MarketingEndpoints.ClubBody(), marketing, cancellation);

    /// <summary>Creates the promotion of <see cref="MarketingEndpoints.PromotionBody"/> for the target (whose club must exist); its id.</summary>
    public static async Task<string> CreatePromotion(EngineNodes nodes, int node, RequestTarget target, Credential marketing,
        CancellationToken cancellation)
    {
        var created = await nodes.Json(node, "POST", "/api/promotions", MarketingEndpoints.PromotionBody(target), marketing, cancellation);
        return (string)created["id"]!;
    }

    /// <summary>
    /// Ends the promotions (ending is idempotent), so that none the run made is ever live: not in a later scenario,
    /// not in a later run on the same cluster. The number ended.
    /// </summary>
    public static async Task<int> End(EngineNodes nodes, IEnumerable<string> promotionIds, Credential marketing, CancellationToken cancellation)
    {
        var ended = 0;
        foreach (var id in promotionIds.Distinct())
        {
            var promotion = await nodes.Json(ended, "POST", $"/api/promotions/{id}/end", null, marketing, cancellation);
            if ((string?)promotion["status"] == "ended")
                ended++;
        }
        return ended;
    }
}
