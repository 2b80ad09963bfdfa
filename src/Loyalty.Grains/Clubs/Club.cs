namespace Loyalty.Grains.Clubs;

/// <summary>A members-only club as marketing defines it. Members join and leave it; promotions can be for its members.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.club")]
public sealed record Club(
    [property: Id(0)] string ClubId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt);

/// <summary>A club after a create-or-update: <see cref="Created"/> when it is new, <see cref="Changed"/> when anything changed.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.club-saved")]
public sealed record ClubSaved(
    [property: Id(0)] Club Club,
    [property: Id(1)] bool Created,
    [property: Id(2)] bool Changed);

/// <summary>One change of the clubs: who made it, when, and the club as it became.</summary>
/// <param name="Action"><c>created</c> or <c>updated</c>.</param>
[GenerateSerializer, Immutable, Alias("loyalty.club-audit-entry")]
public sealed record ClubAuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] string Action,
    [property: Id(4)] Club Club);
