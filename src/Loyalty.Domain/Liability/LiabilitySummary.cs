namespace Loyalty.Domain;

/// <summary>
/// A member's points liability, line by line: spendable points by expiry day, pending points by the day they will expire,
/// and what the member owes. The counters of the liability report are the sum of every member's summary; they are
/// kept by the changes of the summary each command makes (<see cref="LiabilityTracking"/>).
/// </summary>
public static class LiabilitySummary
{
    /// <summary>The member's liability now; lines with no points are left out.</summary>
    public static Dictionary<LiabilityKey, long> Of(MemberState s)
    {
        var summary = new Dictionary<LiabilityKey, long>();
        foreach (var lot in s.Lots)
            Add(summary, new LiabilityKey(LiabilityKind.Spendable, lot.ExpiresOn), lot.Points);
        foreach (var lot in s.PendingLots)
            Add(summary, new LiabilityKey(LiabilityKind.Pending, lot.ExpiresOn), lot.Points);
        if (s.Debt != 0)
            Add(summary, LiabilityKey.Debt, s.Debt);
        return summary;
    }

    /// <summary>What turns <paramref name="before"/> into <paramref name="after"/>; null when they are the same.</summary>
    public static LiabilityChange? Diff(IReadOnlyDictionary<LiabilityKey, long> before, IReadOnlyDictionary<LiabilityKey, long> after)
    {
        var lines = new Dictionary<LiabilityKey, long>();
        foreach (var (key, points) in after)
            Add(lines, key, points);
        foreach (var (key, points) in before)
            Add(lines, key, checked(-points));
        return LiabilityChange.Of(lines);
    }

    internal static void Add(Dictionary<LiabilityKey, long> lines, LiabilityKey key, long points)
    {
        var sum = checked(lines.GetValueOrDefault(key) + points);
        if (sum == 0)
            lines.Remove(key);
        else
            lines[key] = sum;
    }
}
