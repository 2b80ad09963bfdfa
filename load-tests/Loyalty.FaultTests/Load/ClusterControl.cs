using System.Diagnostics;

namespace Loyalty.FaultTests.Load;

/// <summary>
/// Runs <c>deploy/local/cluster.sh</c> (kill a node, restart it, stop and start PostgreSQL) with this process's
/// environment, so it acts on the same cluster (<c>LOYALTY_CLUSTER_STATE</c> and the port bases) the nodes were started with.
/// </summary>
internal sealed class ClusterControl(string clusterScript)
{
    /// <summary>Runs the script with the arguments; throws with its output when it fails or outlasts the limit.</summary>
    public async Task<string> Run(TimeSpan limit, CancellationToken cancellation, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(clusterScript);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var errors = process.StandardError.ReadToEndAsync(cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cluster.sh {string.Join(' ', arguments)} took longer than {limit.TotalSeconds:N0} s");
        }
        var text = (await output + await errors).Trim();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"cluster.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {text}");
        return text;
    }
}
