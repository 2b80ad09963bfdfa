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
            new JsonObject { ["name"] = EndpointCatalog.ProfileName, ["email"] = Email(memberId) }, till, cancellation);
        await nodes.Json(node, "POST", $"/api/members/{memberId}/purchases", new JsonObject
        {
            ["transactionId"] = SaleTransactionId(memberId),
            ["storeId"] = "S-01",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = SaleSku, ["category"] = "coffee", ["quantity"] = 100, ["unitPrice"] = 2.00m }),
        }, till, cancellation);
    }

    /// <summary>The member's own e-mail address (an address belongs to one member only).</summary>
    public static string Email(string memberId) => $"{memberId.ToLowerInvariant()}@example.org";

    /// <summary>Issues a card to the member: its number.</summary>
    public static async Task<string> IssueCard(EngineNodes nodes, int node, string memberId, Credential till, CancellationToken cancellation) =>
        (string)(await nodes.Json(node, "POST", $"/api/members/{memberId}/cards", null, till, cancellation))["cardNumber"]!;

    /// <summary>A recent sale time, inside the engine's transaction window.</summary>
    public static string RecentTime() => DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
}
