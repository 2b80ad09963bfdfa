using System.Net.WebSockets;
using System.Text;
using Loyalty.FaultTests.Cluster;
using Microsoft.AspNetCore.SignalR.Client;

namespace Loyalty.FaultTests.Hostile;

/// <summary>
/// Sends each of <see cref="HubRawFrames"/> on its own WebSocket to the hub (spread over the nodes), reads what comes
/// back for a moment, and then checks that every node is still live and serves a valid <c>Watch</c>.
/// </summary>
internal sealed class HubRawFrameProbe(EngineNodes nodes, Credential till)
{
    private static readonly TimeSpan ReadFor = TimeSpan.FromSeconds(2);

    public int Sent { get; private set; }
    public int ClosedByTheServer { get; private set; }
    public int AnsweredOnAnOpenConnection { get; private set; }
    public int NodesHealthyAfter { get; private set; }
    public List<string> Violations { get; } = [];

    public async Task Run(Random random, string enrolledMemberId, CancellationToken cancellation)
    {
        var frames = HubRawFrames.All(random);
        for (var i = 0; i < frames.Count; i++)
            await Send(nodes.Address(i), frames[i], i % nodes.Count, cancellation);
        for (var n = 0; n < nodes.Count; n++)
            await CheckNode(n, enrolledMemberId, cancellation);
    }

    private async Task Send(Uri node, HubRawFrames.RawFrame frame, int n, CancellationToken cancellation)
    {
        Sent++;
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", till.ApiKey);
        var address = new UriBuilder(node) { Scheme = "ws", Path = HubConnections.Path }.Uri;
        try
        {
            await socket.ConnectAsync(address, cancellation);
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame.HandshakeText), WebSocketMessageType.Text, true, cancellation);
            if (frame.Frame is { } bytes)
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellation);
            if (await ReadUntilClosed(socket, cancellation))
                ClosedByTheServer++;
            else
                AnsweredOnAnOpenConnection++;
        }
        catch (WebSocketException e)
        {
            // A reset is a close too, if rude; the checks after every frame say whether the node survived.
            ClosedByTheServer++;
            Console.WriteLine($"  hub node {n + 1}: {frame.Description}: the connection ended with {e.WebSocketErrorCode}");
        }
    }

    /// <summary>Reads for a moment; true when the server closed the connection.</summary>
    private static async Task<bool> ReadUntilClosed(ClientWebSocket socket, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(ReadFor);
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    return true;
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return socket.State is WebSocketState.Closed or WebSocketState.CloseReceived;
        }
    }

    private async Task CheckNode(int n, string memberId, CancellationToken cancellation)
    {
        using var live = await nodes.Client(n).GetAsync("/health/live", cancellation);
        var connection = HubConnections.Build(nodes.Address(n), till);
        await using (connection)
        {
            try
            {
                await connection.StartAsync(cancellation);
                var account = await connection.InvokeAsync<System.Text.Json.JsonElement>("Watch", memberId, cancellation);
                if (live.IsSuccessStatusCode && account.GetProperty("memberId").GetString() == memberId)
                    NodesHealthyAfter++;
                else
                    Violations.Add($"hub node {n + 1}: after the raw frames, live {(int)live.StatusCode}, Watch answered another account");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Violations.Add($"hub node {n + 1}: after the raw frames a valid Watch failed: {e.GetType().Name}: {e.Message}");
            }
        }
    }
}
