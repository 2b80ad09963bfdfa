using System.Net.Http;
using Loyalty.FaultTests.Cluster;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Loyalty.FaultTests.Access;

/// <summary>
/// Connects to the hub with a credential and watches a member: what happened, in the matrix's words. A connection
/// refused by the engine's rate limit (429) is tried again a little later, as <see cref="RateLimitedSender"/> does.
/// </summary>
internal static class HubAccessProbe
{
    private const int MaxAttempts = 10;

    public static async Task<string> Try(Uri node, Credential credential, string memberId, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await TryOnce(node, credential, memberId, cancellation);
            if (answer != "429" || attempt == MaxAttempts)
                return answer;
            await Task.Delay(TimeSpan.FromSeconds(1.1), cancellation);
        }
    }

    private static async Task<string> TryOnce(Uri node, Credential credential, string memberId, CancellationToken cancellation)
    {
        await using var connection = HubConnections.Build(node, credential);
        try
        {
            await connection.StartAsync(cancellation);
        }
        catch (HttpRequestException e) when (e.StatusCode is { } status)
        {
            return ((int)status).ToString();
        }
        try
        {
            await connection.InvokeAsync<System.Text.Json.JsonElement>("Watch", memberId, cancellation);
            return AccessExpectations.HubWatches;
        }
        catch (HubException)
        {
            return connection.State == HubConnectionState.Connected ? AccessExpectations.HubWatchRefused : "watch refused, connection lost";
        }
    }
}
