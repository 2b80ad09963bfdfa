using System.Text;

namespace Loyalty.FaultTests;

/// <summary>What a scenario tried and what it verified: named counts and the checks that passed or failed.</summary>
internal sealed class FaultReport(string scenario)
{
    private readonly List<(string Name, long Value)> counts = [];
    private readonly List<(string Check, bool Passed)> checks = [];

    public string Scenario { get; } = scenario;

    public IReadOnlyList<(string Name, long Value)> Counts => counts;

    public IReadOnlyList<(string Check, bool Passed)> Checks => checks;

    public bool Passed => checks.Count > 0 && checks.All(c => c.Passed);

    /// <summary>Records a figure, e.g. <c>acknowledged = 4,812</c>.</summary>
    public FaultReport Count(string name, long value)
    {
        counts.Add((name, value));
        return this;
    }

    /// <summary>Records a check and whether it held.</summary>
    public FaultReport Check(string check, bool passed)
    {
        checks.Add((check, passed));
        return this;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"## {Scenario}: {(Passed ? "passed" : "FAILED")}");
        foreach (var (name, value) in counts)
            text.AppendLine($"  {name}: {value:N0}");
        foreach (var (check, passed) in checks)
            text.AppendLine($"  [{(passed ? "ok" : "FAILED")}] {check}");
        return text.ToString();
    }
}
