using Loyalty.Domain.Identity;

namespace Loyalty.Domain.Privacy;

/// <summary>
/// A member's erasure (GDPR article 17), kept in the member's state for good: the member answers "erased" to every call
/// from its first step on. Until the saga is <see cref="Done"/> it remembers what the later steps still have to remove
/// elsewhere (<see cref="Texts"/> from the ledger's texts, <see cref="Identifiers"/> from the identifier table); once
/// done, both are emptied and nothing personal is left in the state.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.member-erasure")]
public sealed record MemberErasure(
    [property: Id(0)] DateTimeOffset ErasedAt,
    [property: Id(1)] IReadOnlyList<string> Texts,
    [property: Id(2)] IReadOnlyList<MemberIdentifier> Identifiers,
    [property: Id(3)] bool Done = false);

/// <summary>The answer to an erasure, the same however often it is asked for.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.erasure-outcome")]
public sealed record ErasureOutcome(
    [property: Id(0)] string MemberId,
    [property: Id(1)] DateTimeOffset ErasedAt);
