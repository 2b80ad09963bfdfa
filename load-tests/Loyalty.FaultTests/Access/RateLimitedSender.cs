using System.Net;
using Loyalty.FaultTests.Cluster;

namespace Loyalty.FaultTests.Access;

/// <summary>
/// Sends a request and, when the engine's rate limit answers 429 (calls without valid credentials are limited per
/// address, a member's token per member), sends it again after the <c>Retry-After</c> it gave. The limiter refuses
/// before any endpoint runs, so the request is the same one; the cell gets the answer about its credentials.
/// </summary>
internal sealed class RateLimitedSender
{
    private const int MaxAttempts = 10;

    public int Retried { get; private set; }

    public async Task<HttpResponseMessage> Send(EngineNodes nodes, int node, string method, string path, byte[]? body, Credential credential,
        CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await nodes.Send(node, method, path, body, body is null ? null : "application/json", credential, cancellation);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == MaxAttempts)
                return response;
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            Retried++;
            await Task.Delay(wait + TimeSpan.FromMilliseconds(100), cancellation);
        }
    }
}
