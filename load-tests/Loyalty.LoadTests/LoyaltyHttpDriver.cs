using System.Net.Http.Json;

namespace Loyalty.LoadTests;

/// <summary>The engine's HTTP API as a till uses it: enrol a member, record a one-coffee sale.</summary>
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

    /// <summary>One coffee at 3.20: 3 points and a stamp. Returns the status and, when not 2xx, the answer's body.</summary>
    public async Task<PurchaseAnswer> Purchase(string memberId, string transactionId, CancellationToken cancellation)
    {
        var body = new
        {
            transactionId,
            storeId = "S-01",
            lines = new[] { new { sku = "LATTE", category = "coffee", quantity = 1, unitPrice = 3.20m } },
        };
        using var response = await http.PostAsJsonAsync($"/api/members/{memberId}/purchases", body, cancellation);
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

    public void Dispose() => http.Dispose();

    private static async Task EnsureSuccess(HttpResponseMessage response, string what, CancellationToken cancellation)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(cancellation);
        throw new HttpRequestException($"{what}: {(int)response.StatusCode} {body}", null, response.StatusCode);
    }
}

internal sealed record PurchaseAnswer(int Status, string? Error)
{
    public bool Ok => Status is >= 200 and < 300;
}
