namespace Loyalty.Grains.Diagnostics;

/// <summary>How a member grain answered a purchase: the <c>outcome</c> tag of <c>loyalty.purchases</c>.</summary>
public enum PurchaseOutcomeKind
{
    /// <summary>Applied and stored.</summary>
    Awarded,
    /// <summary>A transaction id seen before: the stored outcome was returned, nothing changed.</summary>
    Replayed,
    /// <summary>Refused by the programme rules (e.g. the same transaction id with a different body).</summary>
    Rejected,
    /// <summary>Storing it failed: the till gets an error and may retry.</summary>
    Failed,
}
