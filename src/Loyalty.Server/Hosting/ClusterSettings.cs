namespace Loyalty.Server.Hosting;

/// <summary>Orleans identity and ports of this node, from <c>Loyalty:Cluster</c>.</summary>
public sealed class ClusterSettings
{
    public const string SectionName = "Loyalty:Cluster";

    public string ServiceId { get; set; } = "loyalty";
    public string ClusterId { get; set; } = "loyalty-local";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
}
