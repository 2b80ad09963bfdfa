namespace Loyalty.Storage;

/// <summary>Names under which the storage is registered with Orleans.</summary>
public static class LoyaltyStorageNames
{
    /// <summary>The grain storage provider for <c>[PersistentState(..., LoyaltyStorageNames.GrainStorage)]</c>.</summary>
    public const string GrainStorage = "loyalty";
}
