using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Loyalty.Server.Tests;

/// <summary>Calls of the HTTP API as a till makes them, with the answers as JSON.</summary>
internal static class Api
{
    public static string NewMemberId() => "M-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<HttpResponseMessage> Enrol(this HttpClient client, string memberId, string name = "Ada") =>
        await client.PutAsJsonAsync($"/api/members/{memberId}", new { name, email = EmailOf(memberId) });

    /// <summary>The member's own e-mail address (an address belongs to one member only).</summary>
    public static string EmailOf(string memberId) => $"{memberId.ToLowerInvariant()}@example.org";

    public static Task<HttpResponseMessage> Purchase(this HttpClient client, string memberId, object body) =>
        client.PostAsJsonAsync($"/api/members/{memberId}/purchases", body);

    public static Task<HttpResponseMessage> Redeem(this HttpClient client, string memberId, object body) =>
        client.PostAsJsonAsync($"/api/members/{memberId}/redemptions", body);

    public static Task<HttpResponseMessage> Refund(this HttpClient client, string memberId, object body) =>
        client.PostAsJsonAsync($"/api/members/{memberId}/refunds", body);

    public static Task<HttpResponseMessage> Adjust(this HttpClient client, string memberId, object body) =>
        client.PostAsJsonAsync($"/api/members/{memberId}/adjustments", body);

    public static Task<HttpResponseMessage> Void(this HttpClient client, string memberId, object body) =>
        client.PostAsJsonAsync($"/api/members/{memberId}/voids", body);

    public static Task<HttpResponseMessage> Send(this HttpClient client, HttpMethod method, string path, string? body,
        string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        return client.SendAsync(request);
    }

    public static async Task<JsonNode> Json(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> Account(this HttpClient client, string memberId) =>
        await (await client.GetAsync($"/api/members/{memberId}")).Json();

    public static async Task<string> AccountText(this HttpClient client, string memberId) =>
        await (await client.GetAsync($"/api/members/{memberId}")).Content.ReadAsStringAsync();

    public static async Task<JsonArray> Activity(this HttpClient client, string memberId, int limit = 200) =>
        (await (await client.GetAsync($"/api/members/{memberId}/activity?limit={limit}")).Json())["entries"]!.AsArray();

    public static object Sale(string transactionId, string sku, string category, int quantity, decimal unitPrice) =>
        new { transactionId, storeId = "S-01", lines = new[] { new { sku, category, quantity, unitPrice } } };

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
