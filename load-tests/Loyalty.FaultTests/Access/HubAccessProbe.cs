using System.Net.Http;
using Loyalty.FaultTests.Cluster;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Loyalty.FaultTests.Access;

/// <summary>Connects to the hub with a credential and watches a member: what happened, in the matrix's words.</summary>
internal static class HubAccessProbe
{
    public static async Task<string> Try(Uri node, Credential credential, string memberId, CancellationToken cancellation)
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
