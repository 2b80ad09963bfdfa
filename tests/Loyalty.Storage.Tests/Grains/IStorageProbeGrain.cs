namespace Loyalty.Storage.Tests.Grains;

/// <summary>A grain whose only job is to keep a state in the loyalty grain storage.</summary>
public interface IStorageProbeGrain : IGrainWithStringKey
{
    Task<ProbeSnapshot> Read();

    Task<ProbeSnapshot> Write(string value, decimal amount);

    Task Deactivate();
}

[GenerateSerializer, Immutable]
public sealed record ProbeSnapshot(
    [property: Id(0)] Guid Activation,
    [property: Id(1)] bool RecordExists,
    [property: Id(2)] string? ETag,
    [property: Id(3)] string? Value,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] int Writes);
