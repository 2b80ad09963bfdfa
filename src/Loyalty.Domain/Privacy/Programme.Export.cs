using Loyalty.Domain.Privacy;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// The member's data for their copy of it, or null when not enrolled. Call <see cref="Advance"/> first, as for
    /// <see cref="View"/>: the lots are those the account counts.
    /// </summary>
    public MemberDataExport? Export(MemberState s, string memberId, DateTimeOffset now)
    {
        if (!s.Enrolled || s.Profile is not { } profile)
            return null;
        return new MemberDataExport(memberId, profile, View(s, memberId, now),
            s.Lots.Select(l => new ExportedLot(l.Points, l.ExpiresOn)).ToArray(),
            s.PendingLots.Select(l => new ExportedPendingLot(l.Points, l.ReleasesOn, l.ExpiresOn, l.TransactionId)).ToArray(),
            ClubIds(s).Select(id => new ExportedClub(id, s.Clubs[id])).ToArray());
    }
}
