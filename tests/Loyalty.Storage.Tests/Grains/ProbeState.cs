namespace Loyalty.Storage.Tests.Grains;

[GenerateSerializer, Alias("loyalty-tests.probe-state")]
public sealed class ProbeState
{
    [Id(0)] public string? Value { get; set; }
    [Id(1)] public decimal Amount { get; set; }
    [Id(2)] public int Writes { get; set; }
    [Id(3)] public List<string> History { get; set; } = [];
}
