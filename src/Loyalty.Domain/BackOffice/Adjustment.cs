using System.Text.Json.Serialization;

namespace Loyalty.Domain;

/// <summary>
/// Points a member of customer service adds (<see cref="Points"/> &gt; 0) or removes (&lt; 0) by hand, for one of the
/// <see cref="AdjustmentReasons"/>, with an optional <see cref="Note"/>. <see cref="By"/> is who made it (the API key's
/// name, or the enrolled till's id), recorded in the ledger entry; like <see cref="TillId"/>, not part of the command's fingerprint.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.adjustment")]
public sealed record Adjustment(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] long Points,
    [property: Id(2)] string Reason,
    [property: Id(3)] string? Note,
    [property: Id(4)] string By,
    [property: Id(5)] string? TillId = null);

/// <summary>Why points were adjusted by hand.</summary>
public static class AdjustmentReasons
{
    public const string Goodwill = "goodwill";
    public const string MissedPurchase = "missed-purchase";
    public const string Correction = "correction";
    public const string Fraud = "fraud";

    public static readonly IReadOnlyList<string> All = [Goodwill, MissedPurchase, Correction, Fraud];

    public static bool IsKnown(string? reason) => reason is not null && All.Contains(reason, StringComparer.Ordinal);
}

/// <summary>The answer to an adjustment: the points added (negative: removed) and the balance after it.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.adjustment-outcome")]
public sealed record AdjustmentOutcome(
    [property: Id(0)] string TransactionId,
    [property: Id(1)] bool Duplicate,
    [property: Id(2)] long Points,
    [property: Id(3)] string Reason,
    [property: Id(4)] long Balance,
    [property: Id(20), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MemberId = null);
