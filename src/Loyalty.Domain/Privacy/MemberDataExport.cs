namespace Loyalty.Domain.Privacy;

/// <summary>
/// What a member's account holds about them, for their copy of their data (GDPR articles 15 and 20): the profile, the
/// account as the member sees it, and what the account view only sums up (every point lot with its expiry, every pending
/// lot, the clubs with when they were joined). The ledger is not in it: it is read page by page apart.
/// <see cref="MemberId"/> is whose account it is (the member merged into, when the one asked for was merged away).
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.member-data-export")]
public sealed record MemberDataExport(
    [property: Id(0)] string MemberId,
    [property: Id(1)] MemberProfile Profile,
    [property: Id(2)] AccountView Account,
    [property: Id(3)] IReadOnlyList<ExportedLot> Lots,
    [property: Id(4)] IReadOnlyList<ExportedPendingLot> PendingLots,
    [property: Id(5)] IReadOnlyList<ExportedClub> Clubs);

/// <summary>Points usable until <see cref="ExpiresOn"/> (UTC day), inclusive.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.exported-lot")]
public sealed record ExportedLot([property: Id(0)] long Points, [property: Id(1)] DateOnly ExpiresOn);

/// <summary>Points of a sale not spendable before <see cref="ReleasesOn"/>.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.exported-pending-lot")]
public sealed record ExportedPendingLot(
    [property: Id(0)] long Points,
    [property: Id(1)] DateOnly ReleasesOn,
    [property: Id(2)] DateOnly ExpiresOn,
    [property: Id(3)] string TransactionId);

[GenerateSerializer, Immutable, Alias("loyalty.exported-club")]
public sealed record ExportedClub([property: Id(0)] string ClubId, [property: Id(1)] DateTimeOffset JoinedAt);
