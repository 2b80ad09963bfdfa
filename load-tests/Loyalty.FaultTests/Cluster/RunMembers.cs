using System.Text.Json.Nodes;
using Loyalty.FaultTests.Endpoints;

namespace Loyalty.FaultTests.Cluster;

/// <summary>Members enrolled for a run, each with one sale whose lines can be refunded.</summary>
internal static class RunMembers
{
    public const string SaleSku = "COF";

    public static string SaleTransactionId(string memberId) => "S-" + memberId;

    /// <summary>Enrols the member and records a sale of 100 coffees at 2.00 (200 points, rewards issued).</summary>
    public static async Task Create(EngineNodes nodes, int node, string memberId, Credential till, CancellationToken cancellation)
    {
        await nodes.Json(node, "PUT", $"/api/members/{memberId}",
            new JsonObject { ["name"] = EndpointCatalog.ProfileName, ["email"] = "fault@example.org" }, till, cancellation);
        await nodes.Json(node, "POST", $"/api/members/{memberId}/purchases", new JsonObject
        {
            ["transactionId"] = SaleTransactionId(memberId),
            ["storeId"] = "S-01",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = SaleSku, ["category"] = "coffee", ["quantity"] = 100, ["unitPrice"] = 2.00m }),
        }, till, cancellation);
    }

    /// <summary>A recent sale time, inside the engine's transaction window.</summary>
    public static string RecentTime() => DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
}
