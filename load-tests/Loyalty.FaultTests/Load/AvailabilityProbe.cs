using System.Diagnostics;
using Loyalty.FaultTests.Client;

namespace Loyalty.FaultTests.Load;

/// <summary>
/// Reads every member's account through the given nodes, round after round, until one round finds all of them
/// answering 200: that round's start is when the whole cluster answered again.
/// </summary>
internal static class AvailabilityProbe
{
    /// <summary>The time (on <paramref name="clock"/>) the first complete round started; null if none within <paramref name="limit"/>.</summary>
    public static async Task<(TimeSpan? AllAnswered, int Rounds)> Run(IReadOnlyList<TillClient> nodes, IReadOnlyList<string> members,
        Stopwatch clock, TimeSpan limit, CancellationToken cancellation)
    {
        var until = clock.Elapsed + limit;
        for (var round = 1; clock.Elapsed < until; round++)
        {
            var started = clock.Elapsed;
            var failed = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, members.Count),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellation },
                async (i, token) =>
                {
                    var answer = await nodes[i % nodes.Count].Account(members[i], token);
                    if (!answer.Ok)
                        Interlocked.Increment(ref failed);
                });
            if (failed == 0)
                return (started, round);
            await Task.Delay(250, cancellation);
        }
        return (null, 0);
    }
}
