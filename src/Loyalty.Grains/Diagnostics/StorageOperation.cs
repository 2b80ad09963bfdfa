namespace Loyalty.Grains.Diagnostics;

/// <summary>What a member grain waits for storage to do: the <c>operation</c> tag of <c>loyalty.storage.duration</c>.</summary>
public enum StorageOperation
{
    /// <summary>A write of the member's state.</summary>
    StateWrite,
    /// <summary>An insert of ledger entries (shared with other members' entries on the node).</summary>
    LedgerInsert,
}
