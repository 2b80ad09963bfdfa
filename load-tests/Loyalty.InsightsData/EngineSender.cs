using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Loyalty.InsightsData;

/// <summary>Sends generated members to a running engine: enrolment first, then every purchase in time order.</summary>
public sealed class EngineSender(HttpClient http, int concurrency)
{
    private long _members, _sales, _salesCents, _failures;
    private string? _firstFailure;

    public long MembersSent => Interlocked.Read(ref _members);
    public long SalesSent => Interlocked.Read(ref _sales);

    /// <summary>The amount of the purchases the engine took (as new: not those it already had).</summary>
    public decimal RevenueSent => Interlocked.Read(ref _salesCents) / 100m;
    public long Failures => Interlocked.Read(ref _failures);
    public string? FirstFailure => _firstFailure;

    public Task SendAsync(IEnumerable<GeneratedMember> members, CancellationToken cancel) =>
        Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancel },
            async (m, ct) =>
            {
                var path = $"api/members/{m.MemberId}";
                if (await Ok(http.PutAsJsonAsync(path, new { name = $"Member {m.MemberId}", email = $"{m.MemberId}@example.org" }, ct),
                        $"PUT {path}", ct) is null)
                    return;
                Interlocked.Increment(ref _members);
                foreach (var sale in m.Sales)
                {
                    var body = new
                    {
                        transactionId = sale.TransactionId,
                        storeId = sale.StoreId,
                        occurredAt = sale.OccurredAt,
                        lines = sale.Lines.Select(l => new { sku = l.Sku, category = l.Category, quantity = l.Quantity, unitPrice = l.UnitPrice }),
                    };
                    var recorded = await Ok(http.PostAsJsonAsync($"{path}/purchases", body, ct), $"POST {path}/purchases {sale.TransactionId}", ct);
                    if (recorded is not null)
                    {
                        Interlocked.Increment(ref _sales);
                        if (recorded["duplicate"]?.GetValue<bool>() != true)
                            Interlocked.Add(ref _salesCents, (long)(sale.Total * 100));
                    }
                }
            });

    /// <summary>The answer's JSON (an empty object when it has none); null when the call failed.</summary>
    private async Task<JsonNode?> Ok(Task<HttpResponseMessage> call, string what, CancellationToken ct)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
            return text.Length > 0 ? JsonNode.Parse(text) ?? new JsonObject() : new JsonObject();
        Interlocked.Increment(ref _failures);
        Interlocked.CompareExchange(ref _firstFailure, $"{what}: {(int)response.StatusCode} {text}", null);
        return null;
    }
}
