using System.Collections.Concurrent;

namespace Loyalty.FaultTests.Verification;

/// <summary>How many calls ended with each outcome (an HTTP status, or <c>refused</c>, <c>dropped</c>, <c>timeout</c>); thread-safe.</summary>
internal sealed class OutcomeTally
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public void Add(string outcome) => counts.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    public long this[string outcome] => counts.TryGetValue(outcome, out var n) ? n : 0;

    public long Total => counts.Values.Sum();

    /// <summary>The calls that got a 5xx or no answer at all.</summary>
    public long Failures => counts.Where(c => !IsAnswer(c.Key) || c.Key.StartsWith('5')).Sum(c => c.Value);

    /// <summary>The outcomes in a stable order: statuses by number, then the transport failures by name.</summary>
    public IReadOnlyList<(string Outcome, long Count)> Sorted =>
        [.. counts.OrderBy(c => IsAnswer(c.Key) ? 0 : 1).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value))];

    private static bool IsAnswer(string outcome) => outcome.Length == 3 && outcome.All(char.IsAsciiDigit);
}
