using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Loyalty.FaultTests.Client;

/// <summary>
/// The engine's HTTP API as a till sees it, on one node: enrol, buy, redeem, read the account and the ledger. It never
/// throws for a failed call: every call returns a <see cref="TillAnswer"/>, so that callers count failures.
/// </summary>
internal sealed class TillClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http;

    public TillClient(Uri node, string tillKey, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(3), PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        http = new HttpClient(handler) { BaseAddress = node, Timeout = timeout };
        http.DefaultRequestHeaders.Add("X-Api-Key", tillKey);
        Node = node;
    }

    public Uri Node { get; }

    public Task<TillAnswer> Enrol(string memberId, CancellationToken cancellation) =>
        Send(() => http.PutAsJsonAsync($"/api/members/{memberId}", new { name = $"Fault test {memberId}" }, cancellation), cancellation);

    /// <summary>One line of <paramref name="quantity"/> units at <paramref name="unitPrice"/>; no time given, so a replay is identical.</summary>
    public Task<TillAnswer> Purchase(string memberId, string transactionId, int quantity, decimal unitPrice, CancellationToken cancellation) =>
        Send(() => http.PostAsJsonAsync($"/api/members/{memberId}/purchases", new
        {
            transactionId,
            storeId = "S-FAULT",
            lines = new[] { new { sku = "FAULT-ITEM", category = "general", quantity, unitPrice } },
        }, cancellation), cancellation);

    public Task<TillAnswer> Redeem(string memberId, string transactionId, long points, CancellationToken cancellation) =>
        Send(() => http.PostAsJsonAsync($"/api/members/{memberId}/redemptions", new { transactionId, storeId = "S-FAULT", points }, cancellation),
            cancellation);

    public Task<TillAnswer> Account(string memberId, CancellationToken cancellation) =>
        Send(() => http.GetAsync($"/api/members/{memberId}", cancellation), cancellation);

    /// <summary>The account's points, or null when the call did not answer 200.</summary>
    public async Task<long?> Points(string memberId, CancellationToken cancellation)
    {
        var answer = await Account(memberId, cancellation);
        if (!answer.Ok)
            return null;
        using var document = JsonDocument.Parse(answer.Body);
        return document.RootElement.GetProperty("points").GetInt64();
    }

    /// <summary>The whole ledger, newest first, read page by page to its first entry; null when a page did not answer 200.</summary>
    public async Task<IReadOnlyList<LedgerLine>?> Ledger(string memberId, CancellationToken cancellation)
    {
        var lines = new List<LedgerLine>();
        long? before = null;
        do
        {
            var path = $"/api/members/{memberId}/activity?limit=200" + (before is { } b ? $"&before={b}" : "");
            var answer = await Send(() => http.GetAsync(path, cancellation), cancellation);
            if (!answer.Ok)
                return null;
            var page = JsonSerializer.Deserialize<ActivityPage>(answer.Body, Json)!;
            lines.AddRange(page.Entries.Select(e => new LedgerLine(e.Sequence, e.Kind, e.TransactionId, e.Points, e.Balance)));
            before = page.NextBefore;
        }
        while (before is not null);
        return lines;
    }

    public void Dispose() => http.Dispose();

    private static async Task<TillAnswer> Send(Func<Task<HttpResponseMessage>> call, CancellationToken cancellation)
    {
        try
        {
            using var response = await call();
            return new TillAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellation));
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new TillAnswer(0, "", "timeout");
        }
        catch (HttpRequestException e)
        {
            return new TillAnswer(0, "", e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
                ? "refused" : "dropped");
        }
        catch (IOException)
        {
            return new TillAnswer(0, "", "dropped");
        }
    }

    private sealed record ActivityPage(IReadOnlyList<ActivityEntry> Entries, long? NextBefore);

    private sealed record ActivityEntry(long Sequence, string Kind, string? TransactionId, long Points, long Balance);
}
