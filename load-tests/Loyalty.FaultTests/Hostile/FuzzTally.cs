using System.Collections.Concurrent;
using System.Text;

namespace Loyalty.FaultTests.Hostile;

/// <summary>What the fuzzing pass sent and how the engine answered, counted by endpoint, category and status.</summary>
internal sealed class FuzzTally
{
    private readonly ConcurrentDictionary<string, int> perEndpoint = new();
    private readonly ConcurrentDictionary<string, int> perCategory = new();
    private readonly ConcurrentDictionary<int, int> perStatus = new();
    private readonly ConcurrentQueue<string> violations = new();
    private int sent, accepted, refusedWithProblem, refusedBeforeTheEngine, mustRefuse;

    public int Sent => sent;
    public int Accepted => accepted;
    public int RefusedWithProblem => refusedWithProblem;
    public int RefusedBeforeTheEngine => refusedBeforeTheEngine;
    public int MustRefuse => mustRefuse;
    public IReadOnlyCollection<string> Violations => violations;
    public int ServerErrors => perStatus.Where(s => s.Key >= 500).Sum(s => s.Value);

    public void Record(FuzzCase c, int status, FuzzVerdict verdict)
    {
        Interlocked.Increment(ref sent);
        if (c.Expected == FuzzExpectation.Refused)
            Interlocked.Increment(ref mustRefuse);
        if (verdict.Accepted)
            Interlocked.Increment(ref accepted);
        if (verdict.RefusedWithProblem)
            Interlocked.Increment(ref refusedWithProblem);
        if (verdict.RefusedBeforeTheEngine)
            Interlocked.Increment(ref refusedBeforeTheEngine);
        perEndpoint.AddOrUpdate(c.Endpoint, 1, (_, n) => n + 1);
        perCategory.AddOrUpdate(c.Category, 1, (_, n) => n + 1);
        perStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (verdict.Violation is { } violation)
            AddViolation($"{c.Endpoint} [{c.Category}] {c.Description}: {violation}");
    }

    public void AddViolation(string violation) => violations.Enqueue(violation);

    public IEnumerable<(string Name, long Value)> Counts() =>
        perEndpoint.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => ($"sent to {e.Key}", (long)e.Value))
            .Concat(perCategory.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => ($"category {c.Key}", (long)c.Value)))
            .Concat(perStatus.OrderBy(s => s.Key).Select(s => ($"status {s.Key}", (long)s.Value)));

    public string ViolationsText(int max = 40)
    {
        var text = new StringBuilder();
        foreach (var violation in violations.Take(max))
            text.AppendLine("  ! " + violation);
        if (violations.Count > max)
            text.AppendLine($"  ! ... and {violations.Count - max} more");
        return text.ToString();
    }
}
