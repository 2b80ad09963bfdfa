using System.Text.Json;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// The member joins a club, with a <c>club-joined</c> ledger entry. Idempotent: joining a club the member is in
    /// changes nothing and keeps the first joining time. Whether the club exists is for the caller to check;
    /// <paramref name="clubName"/>, when known, names it in the member's activity.
    /// </summary>
    public Result<ClubMembershipOutcome> JoinClub(MemberState s, string clubId, string? clubName, DateTimeOffset now)
    {
        if (!IdFormat.IsValid(clubId))
            throw new ArgumentException($"A club id is 1 to {IdFormat.MaxLength} letters, digits, '-' or '_'.", nameof(clubId));
        if (!s.Enrolled)
            return Result<ClubMembershipOutcome>.Fail(RejectionCode.NotEnrolled, "The member is not enrolled.");
        if (s.ClubsOrEmpty.TryGetValue(clubId, out var joinedAt))
            return Result<ClubMembershipOutcome>.Ok(new ClubMembershipOutcome(clubId, true, false, joinedAt, ClubIds(s)));
        s.Clubs[clubId] = now;
        Append(s, LedgerKinds.ClubJoined, now, null, null, 0, null, $"Joined {ClubLabel(clubId, clubName)}",
            JsonSerializer.Serialize(new ClubDetails(clubId, clubName), DetailsJson.Options));
        return Result<ClubMembershipOutcome>.Ok(new ClubMembershipOutcome(clubId, true, true, now, ClubIds(s)));
    }

    /// <summary>
    /// The member leaves a club, with a <c>club-left</c> ledger entry. Idempotent: leaving a club the member is not in
    /// changes nothing. Promotions for the club's members stop applying to the member's purchases.
    /// </summary>
    public Result<ClubMembershipOutcome> LeaveClub(MemberState s, string clubId, string? clubName, DateTimeOffset now)
    {
        if (!IdFormat.IsValid(clubId))
            throw new ArgumentException($"A club id is 1 to {IdFormat.MaxLength} letters, digits, '-' or '_'.", nameof(clubId));
        if (!s.Enrolled)
            return Result<ClubMembershipOutcome>.Fail(RejectionCode.NotEnrolled, "The member is not enrolled.");
        if (s.ClubsOrEmpty.Count == 0 || !s.Clubs.Remove(clubId))
            return Result<ClubMembershipOutcome>.Ok(new ClubMembershipOutcome(clubId, false, false, null, ClubIds(s)));
        Append(s, LedgerKinds.ClubLeft, now, null, null, 0, null, $"Left {ClubLabel(clubId, clubName)}",
            JsonSerializer.Serialize(new ClubDetails(clubId, clubName), DetailsJson.Options));
        return Result<ClubMembershipOutcome>.Ok(new ClubMembershipOutcome(clubId, false, true, null, ClubIds(s)));
    }

    /// <summary>The ids of the member's clubs, in the order they joined them (by id for the same instant).</summary>
    public static IReadOnlyList<string> ClubIds(MemberState s) => s.ClubsOrEmpty.Count == 0
        ? []
        : s.ClubsOrEmpty.OrderBy(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key).ToArray();

    private static string ClubLabel(string clubId, string? clubName) =>
        string.IsNullOrWhiteSpace(clubName) ? $"club {clubId}" : clubName;
}
