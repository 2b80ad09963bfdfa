using Loyalty.FaultTests.Cluster;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Loyalty.FaultTests.Hostile.HubHostileInvocations;

namespace Loyalty.FaultTests.Hostile;

/// <summary>
/// Hostile invocations of the hub with a till's credentials, spread over the nodes: each must be answered with an
/// error (or, for <c>Unwatch</c>, nothing) on a connection that stays open, and a valid <c>Watch</c> must work after.
/// </summary>
internal sealed class HubFuzzer(EngineNodes nodes, Credential till)
{
    public int Invoked { get; private set; }
    public int Errors { get; private set; }
    public int NoOps { get; private set; }
    public int ClosedAsExpected { get; private set; }
    public int ValidWatchesAfter { get; private set; }
    public List<string> Violations { get; } = [];

    public async Task Run(string enrolledMemberId, CancellationToken cancellation)
    {
        var connections = new HubConnection[nodes.Count];
        try
        {
            for (var n = 0; n < nodes.Count; n++)
            {
                connections[n] = HubConnections.Build(nodes.Address(n), till);
                await connections[n].StartAsync(cancellation);
            }
            var invocations = All(enrolledMemberId);
            for (var i = 0; i < invocations.Count; i++)
            {
                var n = i % nodes.Count;
                await Invoke(connections[n], invocations[i], n, cancellation);
                if (invocations[i].Expected == Outcome.ConnectionClosed)
                {
                    await connections[n].DisposeAsync();
                    connections[n] = HubConnections.Build(nodes.Address(n), till);
                    await connections[n].StartAsync(cancellation);
                }
            }
            for (var n = 0; n < nodes.Count; n++)
                await ValidWatch(connections[n], enrolledMemberId, n, cancellation);
        }
        finally
        {
            foreach (var connection in connections.Where(c => c is not null))
                await connection.DisposeAsync();
        }
    }

    private async Task Invoke(HubConnection connection, Invocation invocation, int node, CancellationToken cancellation)
    {
        Invoked++;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            await connection.InvokeCoreAsync(invocation.Method, typeof(object), invocation.Arguments, timeout.Token);
            if (invocation.Expected == Outcome.ErrorOrNothing)
                NoOps++;
            else
                Violations.Add($"hub node {node + 1}: {invocation.Description} succeeded");
        }
        catch (HubException) when (invocation.Expected != Outcome.ConnectionClosed)
        {
            Errors++;
        }
        catch (Exception) when (invocation.Expected == Outcome.ConnectionClosed && !timeout.IsCancellationRequested)
        {
            // the invocation fails as the connection closes: checked below
        }
        catch (Exception e)
        {
            Violations.Add($"hub node {node + 1}: {invocation.Description} gave {e.GetType().Name}: {e.Message}");
        }
        if (invocation.Expected == Outcome.ConnectionClosed)
        {
            // Closing may come just after the answer; wait for it briefly.
            for (var i = 0; i < 50 && connection.State == HubConnectionState.Connected; i++)
                await Task.Delay(100, cancellation);
            if (connection.State == HubConnectionState.Connected)
                Violations.Add($"hub node {node + 1}: {invocation.Description} left the connection open");
            else
                ClosedAsExpected++;
        }
        else if (connection.State != HubConnectionState.Connected)
            Violations.Add($"hub node {node + 1}: the connection was {connection.State} after {invocation.Description}");
    }

    private async Task ValidWatch(HubConnection connection, string memberId, int node, CancellationToken cancellation)
    {
        try
        {
            var account = await connection.InvokeAsync<System.Text.Json.JsonElement>("Watch", memberId, cancellation);
            if (account.GetProperty("memberId").GetString() == memberId)
                ValidWatchesAfter++;
            else
                Violations.Add($"hub node {node + 1}: Watch({memberId}) answered another account");
            await connection.InvokeAsync("Unwatch", memberId, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Violations.Add($"hub node {node + 1}: a valid Watch after the hostile calls failed: {e.GetType().Name}: {e.Message}");
        }
    }
}
