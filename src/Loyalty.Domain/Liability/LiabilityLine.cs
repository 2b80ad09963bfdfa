namespace Loyalty.Domain;

/// <summary>What a line of the points liability counts.</summary>
public enum LiabilityKind
{
    /// <summary>Points the member can spend, by the last day they can be used.</summary>
    Spendable = 0,
    /// <summary>Points earned but not released yet, by the last day they will be usable once released.</summary>
    Pending = 1,
    /// <summary>Points owed after a refund took back points already spent (no expiry day).</summary>
    Debt = 2,
}

/// <summary>One line of a member's points liability: a kind and an expiry day (none, <c>default</c>, for debt).</summary>
[GenerateSerializer, Immutable, Alias("loyalty.liability-key")]
public readonly record struct LiabilityKey([property: Id(0)] LiabilityKind Kind, [property: Id(1)] DateOnly ExpiresOn)
{
    public static readonly LiabilityKey Debt = new(LiabilityKind.Debt, default);
}

/// <summary>Points on one line of the liability: as a member's summary, or as a change of it.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.liability-line")]
public readonly record struct LiabilityLine([property: Id(0)] LiabilityKey Key, [property: Id(1)] long Points);
