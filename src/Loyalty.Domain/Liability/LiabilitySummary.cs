namespace Loyalty.Domain;

/// <summary>
/// A member's points liability, line by line: spendable points by expiry day, pending points by the day they will expire,
/// and what the member owes. The counters of the liability report are the sum of every member's summary; they are
/// kept by the changes of the summary each command makes (<see cref="LiabilityTracking"/>).
/// </summary>
public static class LiabilitySummary
{
    /// <summary>The member's liability now; lines with no points are left out.</summary>
    public static Dictionary<LiabilityKey, long> Of(MemberState s) => Lines(s).ToDictionary(l => l.Key, l => l.Points);

    /// <summary>
    /// The member's liability now as sorted lines (<see cref="LiabilityLines"/>), none of 0. The lots are kept in order of
    /// their expiry day, one a day, so a member with a year of lots is read in one pass, not sorted.
    /// </summary>
    internal static LiabilityLine[] Lines(MemberState s)
    {
        // Pending lots are one a sale, in order of release: their days are summed and sorted apart (there are few).
        var pending = s.PendingLots.Count == 0 ? []
            : LiabilityLines.Sorted(s.PendingLots.Select(l => new LiabilityLine(new LiabilityKey(LiabilityKind.Pending, l.ExpiresOn), l.Points)).ToArray());
        var lines = new LiabilityLine[s.Lots.Count + pending.Length + (s.Debt != 0 ? 1 : 0)];
        var i = 0;
        foreach (var lot in s.Lots)
            lines[i++] = new LiabilityLine(new LiabilityKey(LiabilityKind.Spendable, lot.ExpiresOn), lot.Points);
        pending.CopyTo(lines, i);
        if (s.Debt != 0)
            lines[^1] = new LiabilityLine(LiabilityKey.Debt, s.Debt);
        return LiabilityLines.Sorted(lines);
    }

    /// <summary>What turns the lines <paramref name="before"/> into those <paramref name="after"/>; null when they are the same.</summary>
    internal static LiabilityChange? Diff(LiabilityLine[] before, LiabilityLine[] after) =>
        LiabilityChange.From(LiabilityLines.Difference(before, after));
}
