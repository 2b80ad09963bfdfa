using Loyalty.Domain;
using Loyalty.Grains.Watching;
using Orleans.Utilities;

namespace Loyalty.Grains;

public sealed partial class MemberGrain
{
    public async Task<AccountView?> Watch(IMemberObserver observer)
    {
        if (await ForwardingAsync() is { } target)
            return await target.Watch(observer);
        var account = await GetAccount();
        if (account is not null)
            (_watchers ??= new ObserverManager<IMemberObserver>(MemberWatchers.SubscriptionLifetime, _logger)).Subscribe(observer, observer);
        return account;
    }

    public async Task Unwatch(IMemberObserver observer)
    {
        _watchers?.Unsubscribe(observer);
        if (S.MergedInto is { } target)
            await GrainFactory.GetGrain<IMemberGrain>(target).Unwatch(observer);
    }

    /// <summary>Tells the watching nodes what was stored, up to <paramref name="upTo"/>: one one-way message per node.</summary>
    private void Announce(long upTo)
    {
        if (_watchers is not { Count: > 0 } watchers || upTo <= _announcedSequence)
        {
            _announcedSequence = Math.Max(_announcedSequence, upTo);
            return;
        }
        var events = S.Outbox.Where(e => e.Sequence > _announcedSequence && e.Sequence <= upTo)
            .Select(e => MemberEventFactory.From(e, S.Tier)).ToArray();
        _announcedSequence = upTo;
        if (events.Length == 0)
            return;
        var changes = new MemberEvents(MemberId, events, DateTimeOffset.UtcNow);
        watchers.Notify(o => o.OnChanged(changes));
    }
}
