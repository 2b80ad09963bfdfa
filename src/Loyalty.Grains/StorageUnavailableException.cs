namespace Loyalty.Grains;

/// <summary>Storage could not be reached; the command changed nothing and may be retried.</summary>
[GenerateSerializer, Alias("loyalty.storage-unavailable")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException() { }
    public StorageUnavailableException(string message) : base(message) { }
    public StorageUnavailableException(string message, Exception inner) : base(message, inner) { }
}
