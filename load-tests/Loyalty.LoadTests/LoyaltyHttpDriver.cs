using System.Net.Http.Json;

namespace Loyalty.LoadTests;

/// <summary>The engine's HTTP API as a till uses it: enrol a member, read an account, record a sale, redeem points.</summary>
internal sealed class LoyaltyHttpDriver : IDisposable
{
    private readonly HttpClient http;

    public LoyaltyHttpDriver(Uri baseUrl, string key)
    {
        http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
    }

    public Uri BaseUrl => http.BaseAddress!;

    public async Task Enrol(string memberId, string name, CancellationToken cancellation)
    {
        using var response = await http.PutAsJsonAsync($"/api/members/{memberId}", new { name }, cancellation);
        await EnsureSuccess(response, $"enrol {memberId}", cancellation);
    }

    /// <summary>Enrols a member with an e-mail address and issues them a card: the card number.</summary>
    public async Task<string> EnrolWithCard(string memberId, string name, string email, CancellationToken cancellation)
    {
        using (var enrolled = await http.PutAsJsonAsync($"/api/members/{memberId}", new { name, email }, cancellation))
            await EnsureSuccess(enrolled, $"enrol {memberId}", cancellation);
        using var issued = await http.PostAsync($"/api/members/{memberId}/cards", null, cancellation);
        await EnsureSuccess(issued, $"issue a card to {memberId}", cancellation);
        var card = await issued.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(cancellation);
        return (string?)card?["cardNumber"] ?? throw new HttpRequestException($"no card number for {memberId}");
    }

    /// <summary>One coffee at 3.20: 3 points and a stamp. Returns the status and, when not 2xx, the answer's body.</summary>
    public async Task<PurchaseAnswer> Purchase(string memberId, string transactionId, CancellationToken cancellation)
    {
        var body = new
        {
            transactionId,
            storeId = "S-01",
            lines = new[] { new { sku = "LATTE", category = "coffee", quantity = 1, unitPrice = 3.20m } },
        };
        using var response = await PostJson($"/api/members/{memberId}/purchases", body, cancellation);
        if (response.IsSuccessStatusCode)
            return new PurchaseAnswer((int)response.StatusCode, null);
        return new PurchaseAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellation));
    }

    /// <summary>A GET whose body is read and dropped. Returns the status and, when not 2xx, the answer's body.</summary>
    public async Task<PurchaseAnswer> Get(string path, CancellationToken cancellation)
    {
        using var response = await http.GetAsync(path, cancellation);
        var body = await response.Content.ReadAsStringAsync(cancellation);
        return new PurchaseAnswer((int)response.StatusCode, response.IsSuccessStatusCode ? null : body);
    }

    /// <summary>Whether the member is enrolled: GET of the account answers 200 (404 when not).</summary>
    public async Task<bool> Exists(string memberId, CancellationToken cancellation)
    {
        using var response = await http.GetAsync($"/api/members/{memberId}", cancellation);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return false;
        await EnsureSuccess(response, $"read {memberId}", cancellation);
        return true;
    }

    /// <summary>A sale of the given lines. Returns the HTTP status.</summary>
    public async Task<int> Purchase(string memberId, string transactionId, IReadOnlyList<BasketLine> lines, CancellationToken cancellation)
    {
        var body = new
        {
            transactionId,
            storeId = "S-01",
            lines = lines.Select(l => new { sku = l.Sku, category = l.Category, quantity = l.Quantity, unitPrice = l.UnitPrice }),
        };
        using var response = await PostJson($"/api/members/{memberId}/purchases", body, cancellation);
        return (int)response.StatusCode;
    }

    /// <summary>The member's account (the balance a till or the app shows). Returns the HTTP status.</summary>
    public async Task<int> ReadAccount(string memberId, CancellationToken cancellation)
    {
        using var response = await http.GetAsync($"/api/members/{memberId}", cancellation);
        return (int)response.StatusCode;
    }

    /// <summary>Spends points. Returns the HTTP status: 409 when the balance is short.</summary>
    public async Task<int> Redeem(string memberId, string transactionId, long points, CancellationToken cancellation)
    {
        var body = new { transactionId, storeId = "S-01", points };
        using var response = await PostJson($"/api/members/{memberId}/redemptions", body, cancellation);
        return (int)response.StatusCode;
    }

    public void Dispose() => http.Dispose();

    /// <summary>POSTs a JSON body with its <c>Content-Length</c>, as wrk and most tills send it: <c>PostAsJsonAsync</c>
    /// would serialize it while sending, in chunked transfer encoding.</summary>
    private async Task<HttpResponseMessage> PostJson(string path, object body, CancellationToken cancellation)
    {
        using var content = JsonContent.Create(body);
        await content.LoadIntoBufferAsync(cancellation);
        return await http.PostAsync(path, content, cancellation);
    }

    private static async Task EnsureSuccess(HttpResponseMessage response, string what, CancellationToken cancellation)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(cancellation);
        throw new HttpRequestException($"{what}: {(int)response.StatusCode} {body}", null, response.StatusCode);
    }
}

internal sealed record BasketLine(string Sku, string Category, int Quantity, decimal UnitPrice);

internal sealed record PurchaseAnswer(int Status, string? Error)
{
    public bool Ok => Status is >= 200 and < 300;
}
