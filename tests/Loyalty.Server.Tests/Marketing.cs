using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Loyalty.Server.Tests;

/// <summary>Calls of the clubs and promotions API as marketing tools and member apps make them.</summary>
internal static class Marketing
{
    public static string NewClubId() => "C-" + Guid.NewGuid().ToString("N")[..8];

    public static Task<HttpResponseMessage> PutClub(this HttpClient client, string clubId, string name = "Coffee Club", string? description = "For coffee lovers") =>
        client.PutAsJsonAsync($"/api/clubs/{clubId}", new { name, description });

    public static Task<HttpResponseMessage> Join(this HttpClient client, string clubId, string memberId) =>
        client.PutAsync($"/api/clubs/{clubId}/members/{memberId}", null);

    public static Task<HttpResponseMessage> Leave(this HttpClient client, string clubId, string memberId) =>
        client.DeleteAsync($"/api/clubs/{clubId}/members/{memberId}");

    public static Task<HttpResponseMessage> CreatePromotion(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/promotions", body);

    /// <summary>A promotion running from an hour ago for a day, by the engine's programme clock (<paramref name="now"/>, else the real one).</summary>
    public static object Promotion(object effect, object? audience = null, string name = "Double points on coffee",
        int? limitPerMember = null, long? budgetPoints = null, DateTimeOffset? now = null) => new
    {
        name,
        startsAt = (now ?? DateTimeOffset.UtcNow).AddHours(-1),
        endsAt = (now ?? DateTimeOffset.UtcNow).AddDays(1),
        audience = audience ?? new { },
        effect,
        limitPerMember,
        budgetPoints,
    };

    public static async Task<string> CreatedPromotionId(this HttpClient client, object body) =>
        (string)(await (await client.CreatePromotion(body)).Json(System.Net.HttpStatusCode.Created))["id"]!;

    /// <summary>A client of a member app, signed in as <paramref name="memberId"/>.</summary>
    public static HttpClient MemberApp(this EngineHost host, string memberId)
    {
        var client = host.Client(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Watcher.MemberToken(memberId));
        return client;
    }

    public static async Task<JsonObject> Problem(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Json(expected)).AsObject();
    }
}
