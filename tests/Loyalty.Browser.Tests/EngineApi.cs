using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Loyalty.Browser.Tests;

/// <summary>Calls of the HTTP API that set the scene for a page: enrolment, a sale from another till, a member token.</summary>
internal static class EngineApi
{
    public static string NewMemberId() => "M-" + Guid.NewGuid().ToString("N")[..10];

    public static async Task EnrolAsync(this PagesHost host, string memberId, string name)
    {
        using var till = host.Client(PagesHost.DevTillKey);
        var response = await till.PutAsJsonAsync($"/api/members/{memberId}", new { name });
        await Ok(response);
    }

    public static async Task<JsonNode> PurchaseAsync(this PagesHost host, string memberId, string sku, string category, int quantity,
        decimal unitPrice, string tillKey = PagesHost.DevTillKey)
    {
        using var till = host.Client(tillKey);
        var response = await till.PostAsJsonAsync($"/api/members/{memberId}/purchases", new
        {
            transactionId = "T-" + Guid.NewGuid().ToString("N"),
            storeId = "S-02",
            lines = new[] { new { sku, category, quantity, unitPrice } },
        });
        return await Ok(response);
    }

    public static async Task<string> MemberTokenAsync(this PagesHost host, string memberId)
    {
        using var anonymous = host.Client();
        var response = await anonymous.PostAsJsonAsync("/api/dev/tokens", new { memberId });
        return (string)(await Ok(response))["accessToken"]!;
    }

    private static async Task<JsonNode> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        return JsonNode.Parse(text)!;
    }
}
