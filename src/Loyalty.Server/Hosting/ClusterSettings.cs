using System.Net;
using System.Net.Sockets;

namespace Loyalty.Server.Hosting;

/// <summary>How this node joins its cluster, and its Orleans identity and ports, from <c>Loyalty:Cluster</c>.</summary>
public sealed class ClusterSettings
{
    public const string SectionName = "Loyalty:Cluster";

    public ClusterMode Mode { get; set; } = ClusterMode.Localhost;

    /// <summary>
    /// The address other nodes reach this one at: an IP address or a host name that resolves to one. Empty: loopback,
    /// or under <see cref="ClusterMode.Kubernetes"/> the pod's IP.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    public string ServiceId { get; set; } = "loyalty";
    public string ClusterId { get; set; } = "loyalty-local";
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// The port of Orleans' client gateway, through which an Orleans client outside the nodes calls grains. Empty: no
    /// gateway (the engine calls its grains from inside the node and needs none).
    /// </summary>
    public int? GatewayPort { get; set; }

    /// <summary>Mutual TLS between the nodes: <c>Loyalty:Cluster:Tls</c>.</summary>
    public ClusterTlsSettings Tls { get; set; } = new();

    /// <summary>
    /// How long a call to a grain may take before its caller is answered with a timeout (Orleans' response timeout):
    /// the longest a till waits on a member. Longer than one storage operation may take (connect and command
    /// timeouts), so that storage trouble is normally reported by the storage itself.
    /// </summary>
    public int CallTimeoutSeconds { get; set; } = 15;

    /// <summary>
    /// How many grain addresses this node remembers from the cluster's grain directory (Orleans' directory cache), so
    /// that a call to a member on another node need not ask the directory first. 0: none. Orleans allocates room for
    /// them all when the node starts: about 19 MB for the default million, 8 bytes a slot in each of two tables.
    /// </summary>
    public int DirectoryCacheSize { get; set; } = 1_000_000;

    /// <summary>Whether the nodes keep their membership and reminders in the database.</summary>
    public bool UsesDatabase => Mode is ClusterMode.AdoNet or ClusterMode.Kubernetes;

    /// <summary>The address to advertise; null to leave it to Orleans' Kubernetes hosting (the pod's IP).</summary>
    public IPAddress? ResolveAdvertisedAddress()
    {
        if (string.IsNullOrWhiteSpace(AdvertisedAddress))
            return Mode == ClusterMode.Kubernetes ? null : IPAddress.Loopback;
        if (IPAddress.TryParse(AdvertisedAddress, out var address))
            return address;
        try
        {
            return Dns.GetHostAddresses(AdvertisedAddress).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
        }
        catch (Exception ex) when (ex is SocketException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{SectionName}:{nameof(AdvertisedAddress)} '{AdvertisedAddress}' is neither an IP address nor a host name that resolves to one.", ex);
        }
    }
}
