using System.Net.Http.Json;

namespace Loyalty.InsightsData;

/// <summary>Sends generated members to a running engine: enrolment first, then every purchase in time order.</summary>
internal sealed class EngineSender(HttpClient http, int concurrency)
{
    private long _members, _sales, _failures;
    private string? _firstFailure;

    public long MembersSent => Interlocked.Read(ref _members);
    public long SalesSent => Interlocked.Read(ref _sales);
    public long Failures => Interlocked.Read(ref _failures);
    public string? FirstFailure => _firstFailure;

    public Task SendAsync(IEnumerable<GeneratedMember> members, CancellationToken cancel) =>
        Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancel },
            async (m, ct) =>
            {
                var path = $"api/members/{m.MemberId}";
                if (!await Ok(http.PutAsJsonAsync(path, new { name = $"Member {m.MemberId}", email = $"{m.MemberId}@example.org" }, ct),
                        $"PUT {path}", ct))
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
                    if (await Ok(http.PostAsJsonAsync($"{path}/purchases", body, ct), $"POST {path}/purchases {sale.TransactionId}", ct))
                        Interlocked.Increment(ref _sales);
                }
            });

    private async Task<bool> Ok(Task<HttpResponseMessage> call, string what, CancellationToken ct)
    {
        using var response = await call;
        if (response.IsSuccessStatusCode)
            return true;
        Interlocked.Increment(ref _failures);
        var detail = await response.Content.ReadAsStringAsync(ct);
        Interlocked.CompareExchange(ref _firstFailure, $"{what}: {(int)response.StatusCode} {detail}", null);
        return false;
    }
}
