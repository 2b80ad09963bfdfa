using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.LoadTests;

/// <summary>A BalanceChanged event as the push scenario matches it to a purchase.</summary>
internal sealed record BalanceChanged(string MemberId, long? Sequence, string? TransactionId, string? Reason);

/// <summary>
/// One SignalR connection to <c>/hubs/loyalty</c> (WebSockets, the till key in <c>X-Api-Key</c>) watching one member.
/// It stamps each event on arrival, checks that the member's sequence numbers go up one at a time from the
/// <c>ledgerSequence</c> that <c>Watch</c> returned, and hands each BalanceChanged on with its arrival time.
/// </summary>
internal sealed class Watcher : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly Action<BalanceChanged, long> onBalanceChanged;
    private readonly Lock gate = new();
    private long highest = -1, skipped;
    private volatile bool closing;

    private Watcher(HubConnection connection, string memberId, Action<BalanceChanged, long> onBalanceChanged)
    {
        this.connection = connection;
        this.onBalanceChanged = onBalanceChanged;
        MemberId = memberId;
        connection.On<object?>("BalanceChanged", payload => Receive("BalanceChanged", payload));
        connection.On<object?>("RewardIssued", payload => Receive("RewardIssued", payload));
        connection.On<object?>("TierChanged", payload => Receive("TierChanged", payload));
        connection.Closed += error =>
        {
            if (!closing)
            {
                CloseError ??= error?.GetBaseException().Message ?? "closed by the server";
                Interlocked.Increment(ref closedUnexpectedly);
            }
            return Task.CompletedTask;
        };
    }

    public string MemberId { get; }

    /// <summary>The account's <c>ledgerSequence</c> as <c>Watch</c> returned it.</summary>
    public long? WatchedAt { get; private set; }

    public int BalanceEvents => balanceEvents;
    public int RewardEvents => rewardEvents;
    public int TierEvents => tierEvents;
    public int OutOfOrder => outOfOrder;
    public long SkippedSequences => skipped;
    public int WithoutSequence => withoutSequence;
    public int ForeignMember => foreignMember;
    public int Unreadable => unreadable;
    public int ClosedUnexpectedly => closedUnexpectedly;
    public int UnwatchFailed => unwatchFailed;

    /// <summary>The field names of the first BalanceChanged, as the protocol carried them.</summary>
    public string? BalanceChangedFields { get; private set; }

    /// <summary>Why the connection closed when nobody asked it to, or null.</summary>
    public string? CloseError { get; private set; }

    private int balanceEvents, rewardEvents, tierEvents, outOfOrder, withoutSequence, foreignMember, unreadable, closedUnexpectedly, unwatchFailed;

    public static async Task<Watcher> Open(
        Uri hub, string key, PushProtocol protocol, string memberId,
        Action<BalanceChanged, long> onBalanceChanged, CancellationToken cancellation)
    {
        var builder = new HubConnectionBuilder().WithUrl(hub, options =>
        {
            options.Headers["X-Api-Key"] = key;
            options.Transports = HttpTransportType.WebSockets;
        });
        if (protocol == PushProtocol.MessagePack)
            builder.AddMessagePackProtocol();
        var watcher = new Watcher(builder.Build(), memberId, onBalanceChanged);
        try
        {
            await watcher.connection.StartAsync(cancellation);
            var account = new HubPayload(await watcher.connection.InvokeAsync<object?>("Watch", memberId, cancellation));
            watcher.WatchedAt = account.Int64("ledgerSequence");
            if (!account.IsMap || account.String("memberId") != memberId)
                throw new InvalidOperationException($"Watch({memberId}) did not return the member's account");
            watcher.highest = watcher.WatchedAt ?? -1;
            return watcher;
        }
        catch (HttpRequestException e)
        {
            await watcher.DisposeAsync();
            throw new HttpRequestException($"connect to {hub} for {memberId}: {e.Message}", e, e.StatusCode);
        }
        catch
        {
            await watcher.DisposeAsync();
            throw;
        }
    }

    private void Receive(string kind, object? value)
    {
        var arrived = Stopwatch.GetTimestamp();
        var payload = new HubPayload(value);
        var memberId = payload.String("memberId");
        if (!payload.IsMap || memberId is null)
        {
            Interlocked.Increment(ref unreadable);
            return;
        }
        if (memberId != MemberId)
            Interlocked.Increment(ref foreignMember);

        switch (kind)
        {
            case "BalanceChanged": Interlocked.Increment(ref balanceEvents); break;
            case "RewardIssued": Interlocked.Increment(ref rewardEvents); break;
            default: Interlocked.Increment(ref tierEvents); break;
        }

        var sequence = payload.Int64("sequence");
        if (sequence is not { } s)
            Interlocked.Increment(ref withoutSequence);
        else
            lock (gate)
            {
                // Every event of a member carries the next ledger sequence number, whatever its kind.
                if (s <= highest)
                    outOfOrder++;
                else
                {
                    if (highest >= 0)
                        skipped += s - highest - 1;
                    highest = s;
                }
            }

        if (kind == "BalanceChanged")
        {
            BalanceChangedFields ??= string.Join(",", payload.Names);
            onBalanceChanged(new BalanceChanged(memberId, sequence, payload.String("transactionId"), payload.String("reason")), arrived);
        }
    }

    public async ValueTask DisposeAsync()
    {
        closing = true;
        if (connection.State == HubConnectionState.Connected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await connection.InvokeAsync("Unwatch", MemberId, timeout.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref unwatchFailed);
            }
        }
        await connection.DisposeAsync();
    }
}
