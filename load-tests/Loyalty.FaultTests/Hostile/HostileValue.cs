namespace Loyalty.FaultTests.Hostile;

/// <summary>A value to put in a field, as raw JSON text (so that it can be what no serializer would write).</summary>
internal sealed record HostileValue(string Category, string Description, string RawJson, FuzzExpectation Expected);
