namespace Loyalty.Grains.Diagnostics;

/// <summary>The tag values of the instruments, as exporters show them.</summary>
internal static class MetricTags
{
    public static string Tag(this PurchaseOutcomeKind outcome) => outcome switch
    {
        PurchaseOutcomeKind.Awarded => "awarded",
        PurchaseOutcomeKind.Replayed => "replayed",
        PurchaseOutcomeKind.Rejected => "rejected",
        _ => "failed",
    };

    public static string Tag(this StorageOperation operation) =>
        operation == StorageOperation.StateWrite ? "state_write" : "ledger_insert";
}
