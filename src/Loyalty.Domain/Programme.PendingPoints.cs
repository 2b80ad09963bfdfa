using System.Globalization;
using System.Text.Json;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// The UTC day from whose start the points of a sale made at <paramref name="occurredAt"/> are spendable, or null when
    /// they are spendable at once (<see cref="ProgrammeOptions.PendingDays"/> is 0, or a back-dated sale's day has come).
    /// </summary>
    internal DateOnly? PendingUntil(DateTimeOffset occurredAt, DateTimeOffset now)
    {
        if (_options.PendingDays == 0)
            return null;
        var releasesOn = Day(occurredAt).AddDays(_options.PendingDays);
        return releasesOn > Day(now) ? releasesOn : null;
    }

    /// <summary>Keeps a sale's points pending, in release order (a back-dated sale may release before later ones).</summary>
    internal static void AddPending(MemberState s, PendingLot lot)
    {
        var i = s.PendingLots.Count;
        while (i > 0 && s.PendingLots[i - 1].ReleasesOn > lot.ReleasesOn)
            i--;
        s.PendingLots.Insert(i, lot);
    }

    /// <summary>Cancels up to <paramref name="points"/> of the sale's pending points; returns how many it cancelled.</summary>
    internal static long CancelPending(MemberState s, string transactionId, long points)
    {
        var lot = s.PendingLots.Find(l => string.Equals(l.TransactionId, transactionId, StringComparison.Ordinal));
        if (lot is null || points <= 0)
            return 0;
        var cancelled = Math.Min(lot.Points, points);
        lot.Points -= cancelled;
        if (lot.Points == 0)
            s.PendingLots.Remove(lot);
        return cancelled;
    }

    /// <summary>
    /// Makes the pending lots whose day has come (at its start, 00:00 UTC) spendable: each joins the lot of its expiry day,
    /// repaying what is owed first, in one <c>points-released</c> entry. Returns true when it released anything.
    /// </summary>
    private static bool ReleasePending(MemberState s, DateTimeOffset now)
    {
        var today = Day(now);
        var due = 0;
        while (due < s.PendingLots.Count && s.PendingLots[due].ReleasesOn <= today)
            due++;
        if (due == 0)
            return false;
        var lots = s.PendingLots.GetRange(0, due);
        s.PendingLots.RemoveRange(0, due);
        if (s.PendingLots.Count == 0)
            s.PendingLots.Capacity = 0; // most members wait long for their next sale
        long released = 0;
        foreach (var lot in lots)
        {
            Credit(s, lot.Points, lot.ExpiresOn);
            released += lot.Points;
        }
        Append(s, LedgerKinds.PointsReleased, now, null, null, released, null,
            string.Create(CultureInfo.InvariantCulture, $"{released} pending points can now be spent"),
            JsonSerializer.Serialize(new PointsReleasedDetails(
                lots.Select(l => new PendingLotDetails(l.TransactionId, l.Points, l.ReleasesOn, l.ExpiresOn)).ToArray()), DetailsJson.Options));
        return true;
    }

    /// <summary>The next day pending points of the member are released on, or null when none are pending.</summary>
    public static DateOnly? NextRelease(MemberState s) => s.PendingLots.Count > 0 ? s.PendingLots[0].ReleasesOn : null;

    /// <summary>Pending points by release day, earliest first.</summary>
    internal static IReadOnlyList<PendingRelease> PendingReleases(MemberState s)
    {
        if (s.PendingLots.Count == 0)
            return [];
        var releases = new List<PendingRelease>();
        foreach (var lot in s.PendingLots)
            if (releases.Count > 0 && releases[^1].On == lot.ReleasesOn)
                releases[^1] = releases[^1] with { Points = releases[^1].Points + lot.Points };
            else
                releases.Add(new PendingRelease(lot.Points, lot.ReleasesOn));
        return releases;
    }

    /// <summary>
    /// The day a ledger entry's points are released on, when it is a sale whose points went pending (or a merge that brought
    /// pending points: their earliest day); null for any other
    /// entry. Lets the ledger's writer keep the due-time table of releases in the same transaction as the entry.
    /// </summary>
    public static DateOnly? PendingReleaseOf(LedgerEntry entry)
    {
        if (entry is not { Details: { } details } || !details.Contains("\"releasesOn\"", StringComparison.Ordinal))
            return null;
        return entry.Kind switch
        {
            LedgerKinds.Purchase => JsonSerializer.Deserialize<PurchaseDetails>(details, DetailsJson.Options)?.ReleasesOn,
            // A merge's pending points wait on the target: its earliest release day.
            LedgerKinds.MergedIn => JsonSerializer.Deserialize<MergeInDetails>(details, DetailsJson.Options)?.Pending?.Min(l => l.ReleasesOn),
            _ => null,
        };
    }
}
