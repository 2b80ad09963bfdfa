namespace Loyalty.Domain;

/// <summary>
/// The one place where a member's liability changes are recorded: around every change of the state (a command, the
/// housekeeping), the difference of the member's <see cref="LiabilitySummary"/> before and after goes with the last
/// ledger entry the change appended (<see cref="LedgerEntry.Liability"/>). The counters of the liability report sum
/// these changes from the ledger, so they hold every member's summary without reading any member.
/// </summary>
/// <remarks>
/// A member whose state predates the liability counters (<see cref="MemberState.LiabilityCounted"/> false) is counted
/// from nothing: their first change carries their whole summary. A change of the summary with no entry to carry it
/// (none does that today) waits in <see cref="MemberState.LiabilityCarry"/> for the member's next entry.
/// </remarks>
public static class LiabilityTracking
{
    public static T Track<T>(MemberState s, Func<T> change)
    {
        var before = s.LiabilityCounted ? LiabilitySummary.Lines(s) : [];
        var lastSequence = s.LastSequence;
        var result = change();
        var pending = LiabilityChange.Combine(s.LiabilityCarry, LiabilitySummary.Diff(before, LiabilitySummary.Lines(s)));
        s.LiabilityCounted = true;
        if (pending is null || s.LastSequence == lastSequence)
        {
            s.LiabilityCarry = pending;
            return result;
        }
        var last = s.Outbox.FindLastIndex(e => e.Sequence == s.LastSequence);
        if (last < 0)
            throw new InvalidOperationException("The entry a change appended is not in the member's outbox.");
        s.Outbox[last] = s.Outbox[last] with { Liability = LiabilityChange.Combine(s.Outbox[last].Liability, pending) };
        s.LiabilityCarry = null;
        return result;
    }
}
