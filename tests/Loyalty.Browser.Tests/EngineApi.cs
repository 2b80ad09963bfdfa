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

    /// <summary>Redeems points at a till: the redemption's transaction id.</summary>
    public static async Task<string> RedeemAsync(this PagesHost host, string memberId, int points)
    {
        using var till = host.Client(PagesHost.DevTillKey);
        var transactionId = "R-" + Guid.NewGuid().ToString("N");
        await Ok(await till.PostAsJsonAsync($"/api/members/{memberId}/redemptions", new { transactionId, storeId = "S-02", points }));
        return transactionId;
    }

    /// <summary>Enrols a member with an e-mail address and a phone number, and issues them a card: the card number.</summary>
    public static async Task<string> EnrolWithCardAsync(this PagesHost host, string memberId, string name, string email, string phone)
    {
        using var till = host.Client(PagesHost.DevTillKey);
        await Ok(await till.PutAsJsonAsync($"/api/members/{memberId}", new { name, email, phone }));
        return (string)(await Ok(await till.PostAsync($"/api/members/{memberId}/cards", null)))["cardNumber"]!;
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
