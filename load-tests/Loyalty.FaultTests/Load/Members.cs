using Loyalty.FaultTests.Client;

namespace Loyalty.FaultTests.Load;

/// <summary>Members made for one run (ids carry the run id), and helpers that act on all of them through the nodes.</summary>
internal static class Members
{
    public static IReadOnlyList<string> Named(string runId, string prefix, int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"F{runId}-{prefix}-{i}")];

    /// <summary>Enrols every member, spread over the nodes, retrying a failed call on the next node; throws if one cannot be enrolled.</summary>
    public static async Task Enrol(IReadOnlyList<TillClient> nodes, IReadOnlyList<string> members, CancellationToken cancellation)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, members.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellation },
            async (i, token) =>
            {
                for (var attempt = 0; ; attempt++)
                {
                    var answer = await nodes[(i + attempt) % nodes.Count].Enrol(members[i], token);
                    if (answer.Ok)
                        return;
                    if (!answer.Retryable || attempt == 20)
                        throw new InvalidOperationException($"enrolling {members[i]}: {answer.Outcome} {answer.Body}");
                    await Task.Delay(500, token);
                }
            });
    }

    /// <summary>
    /// Calls <paramref name="read"/> for every member, spread over the nodes, retrying a failed call on the next node for
    /// up to <paramref name="patience"/>; returns the members whose call never succeeded.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ForEach(IReadOnlyList<TillClient> nodes, IReadOnlyList<string> members, TimeSpan patience,
        Func<TillClient, string, CancellationToken, Task<bool>> read, CancellationToken cancellation)
    {
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, members.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellation },
            async (i, token) =>
            {
                var until = DateTime.UtcNow + patience;
                for (var attempt = 0; ; attempt++)
                {
                    if (await read(nodes[(i + attempt) % nodes.Count], members[i], token))
                        return;
                    if (DateTime.UtcNow > until)
                    {
                        failed.Add(members[i]);
                        return;
                    }
                    await Task.Delay(500, token);
                }
            });
        return [.. failed];
    }
}
