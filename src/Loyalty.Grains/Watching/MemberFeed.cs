using Loyalty.Domain;
using Loyalty.Grains.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains.Watching;

/// <summary>
/// A node's subscription to one member, shared by every local watcher of that member. Events are passed on in
/// sequence order, each once: a late one is waited for briefly, an old one is dropped.
/// </summary>
internal sealed partial class MemberFeed(string memberId, IMemberEventSink sink, LoyaltyMetrics metrics, ILogger logger) : IMemberObserver
{
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly SortedDictionary<long, PendingEvent> _pending = [];
    private long _delivered = -1; // unknown until the subscription returns the account's sequence
    private long _gapSince;
    private AccountView? _behind;   // an account found ahead of what was delivered, and when
    private long _behindSince;

    public string MemberId { get; } = memberId;
    public HashSet<string> Watchers { get; } = new(StringComparer.Ordinal);
    public IMemberObserver? Reference { get; set; }
    public Task<AccountView?> Subscription { get; set; } = Task.FromResult<AccountView?>(null);

    public Task OnChanged(MemberEvents changes) => ReceiveAsync(changes.Events, changes.StoredAt);

    /// <summary>Events up to <paramref name="sequence"/> are in the account the watchers start from.</summary>
    public Task StartAtAsync(long sequence) => DeliverAsync(() =>
    {
        if (_delivered < sequence)
            _delivered = sequence;
    });

    public Task ReceiveAsync(IReadOnlyList<MemberEvent> events, DateTimeOffset? storedAt = null) => DeliverAsync(() =>
    {
        foreach (var e in events)
            _pending.TryAdd(e.Sequence, new PendingEvent(e, storedAt));
    });

    /// <summary>
    /// The account as the grain has it now. Events of changes it holds may still be on their way, so being behind it
    /// is only noted here. If the feed is still behind it after the gap wait with nothing on its way (events were
    /// lost, e.g. while the grain moved), watchers get one <c>sync</c> event with that balance, and re-read.
    /// </summary>
    public Task CatchUpAsync(AccountView account, DateTimeOffset now) => DeliverAsync(() =>
    {
        if (_delivered < 0 || account.LedgerSequence <= _delivered || _behind is not null)
            return;
        (_behind, _behindSince) = (account, now.UtcTicks);
    });

    /// <summary>
    /// Gives up waiting for events that did not come: a client sees the jump in sequence and reads the account, or
    /// gets a <c>sync</c> event when the account was found ahead of every event that came.
    /// </summary>
    public Task SkipGapAsync(TimeSpan olderThan, long now) => DeliverAsync(() =>
    {
        if (_behind is { } account)
        {
            var waited = now - _behindSince >= olderThan.Ticks;
            var coming = _pending.Count > 0 && _pending.Keys.First() <= account.LedgerSequence;
            if (account.LedgerSequence <= _delivered)
            {
                _behind = null;
            }
            else if (waited && !coming)
            {
                _behind = null;
                LogGap(logger, MemberId, _delivered + 1, account.LedgerSequence);
                _pending[account.LedgerSequence] = new PendingEvent(new MemberEvent(account.LedgerSequence, MemberEvent.SyncKind,
                    new DateTimeOffset(now, TimeSpan.Zero), null, 0, account.Points, account.Tier, null, null), null);
                _delivered = account.LedgerSequence - 1;
                return;
            }
        }
        if (_pending.Count == 0 || _gapSince == 0 || now - _gapSince < olderThan.Ticks)
            return;
        var first = _pending.Keys.First();
        LogGap(logger, MemberId, _delivered + 1, first - 1);
        _delivered = first - 1;
    });

    private async Task DeliverAsync(Action update)
    {
        await _sending.WaitAsync();
        try
        {
            update();
            if (_delivered < 0)
                return;
            foreach (var sequence in _pending.Keys.Where(s => s <= _delivered).ToList())
            {
                _pending.Remove(sequence);
                LogLate(logger, MemberId, sequence);
            }
            while (_pending.Remove(_delivered + 1, out var next))
            {
                _delivered = next.Event.Sequence;
                await SendAsync(next);
            }
            _gapSince = _pending.Count == 0 ? 0 : (_gapSince == 0 ? DateTime.UtcNow.Ticks : _gapSince);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task SendAsync(PendingEvent pending)
    {
        try
        {
            await sink.SendAsync(MemberId, pending.Event, CancellationToken.None);
            if (pending.StoredAt is { } storedAt)
                metrics.EventPushed(storedAt);
        }
        catch (Exception ex)
        {
            LogSendFailed(logger, ex, MemberId, pending.Event.Sequence);
        }
    }

    /// <summary>An event waiting for its turn, and when the grain stored it (unknown for a <c>sync</c> event).</summary>
    private readonly record struct PendingEvent(MemberEvent Event, DateTimeOffset? StoredAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events {From}..{To} of member {MemberId} did not arrive; watchers will see the gap")]
    private static partial void LogGap(ILogger logger, string memberId, long from, long to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {Sequence} of member {MemberId} came after its gap was given up on; dropped")]
    private static partial void LogLate(ILogger logger, string memberId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending event {Sequence} of member {MemberId} to its watchers failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string memberId, long sequence);
}
