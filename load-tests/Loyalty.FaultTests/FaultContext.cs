namespace Loyalty.FaultTests;

/// <summary>What a scenario needs to know of the cluster it runs against.</summary>
/// <param name="Nodes">The HTTP base address of each node, node 1 first.</param>
/// <param name="ClusterScript">Path of <c>deploy/local/cluster.sh</c>, used to kill and restart nodes and PostgreSQL.</param>
/// <param name="TillKey">A till API key the nodes accept.</param>
/// <param name="MarketingKey">A marketing API key the nodes accept.</param>
/// <param name="OperationsKey">An operations API key the nodes accept (it enrols the tills of a run).</param>
/// <param name="JwtIssuer">Issuer of member tokens the nodes accept.</param>
/// <param name="JwtAudience">Audience of member tokens the nodes accept.</param>
/// <param name="JwtSigningKey">HS256 signing key of member tokens the nodes accept.</param>
/// <param name="RunId">Unique per run, used in member and transaction ids so runs never collide.</param>
/// <param name="SupportKey">A support API key the nodes accept.</param>
internal sealed record FaultContext(
    IReadOnlyList<Uri> Nodes,
    string ClusterScript,
    string TillKey,
    string MarketingKey,
    string OperationsKey,
    string JwtIssuer,
    string JwtAudience,
    string JwtSigningKey,
    string RunId,
    string SupportKey = "dev-support-key");
