namespace Loyalty.FaultTests;

/// <summary>
/// Builds the context from the environment, with the defaults of <c>deploy/local/cluster.sh</c> (nodes on
/// 127.0.0.1:5081-5083 in the Development environment, whose keys and signing key are known).
/// </summary>
internal static class FaultContextFromEnvironment
{
    public static FaultContext Read()
    {
        var httpBase = int.Parse(Environment.GetEnvironmentVariable("LOYALTY_CLUSTER_HTTP_BASE") ?? "5080");
        var repo = Environment.GetEnvironmentVariable("LOYALTY_REPO") ?? FindRepository();
        return new FaultContext(
            Nodes: [.. Enumerable.Range(1, 3).Select(n => new Uri($"http://127.0.0.1:{httpBase + n}"))],
            ClusterScript: Path.Combine(repo, "deploy", "local", "cluster.sh"),
            TillKey: "dev-till-key",
            MarketingKey: "dev-marketing-key",
            OperationsKey: "dev-operations-key",
            JwtIssuer: "loyalty-dev",
            JwtAudience: "loyalty",
            JwtSigningKey: "development-only-signing-key-not-for-production",
            RunId: DateTime.UtcNow.ToString("HHmmss") + Random.Shared.Next(1000, 9999));
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Loyalty.sln")))
                return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
