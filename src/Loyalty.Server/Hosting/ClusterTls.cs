using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace Loyalty.Server.Hosting;

/// <summary>
/// Mutual TLS on every Orleans connection of the node (Orleans' <c>Microsoft.Orleans.Connections.Security</c>): the
/// silo port and the client gateway accept only a peer that presents a certificate of our authorities, and this node
/// presents its own when it connects to another. Set up when the silo starts, from the final configuration.
/// </summary>
public static class ClusterTls
{
    public static IServiceCollection AddLoyaltyClusterTls(this IServiceCollection services)
    {
        services.AddOptions<SiloConnectionOptions>().Configure<IOptions<ClusterSettings>, ILoggerFactory>((connections, cluster, loggers) =>
        {
            var settings = cluster.Value;
            if (!settings.Tls.IsConfigured)
            {
                if (settings.UsesDatabase) // only with DisableForLocalTrials: the validator refuses it otherwise
                {
                    loggers.CreateLogger(typeof(ClusterTls)).LogWarning(
                        "{Key} is true: the nodes talk without TLS, and any process that reaches silo port {SiloPort} can join the cluster and call any grain. For a trial on one machine only.",
                        $"{ClusterTlsSettings.SectionName}:{nameof(ClusterTlsSettings.DisableForLocalTrials)}", settings.SiloPort);
                }
                return;
            }

            var tls = Options(ClusterCertificates.Load(settings.Tls), loggers.CreateLogger(typeof(ClusterTls)));
            connections.ConfigureSiloInboundConnection(c => c.UseServerTls(tls));
            connections.ConfigureGatewayInboundConnection(c => c.UseServerTls(tls));
            connections.ConfigureSiloOutboundConnection(c => c.UseClientTls(tls));
        });
        return services;
    }

    /// <summary>Both ends present a certificate, and each accepts the other's only if it is issued by our authorities.</summary>
    public static TlsOptions Options(ClusterCertificates certificates, ILogger logger) => new()
    {
        LocalCertificate = certificates.Node,
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        // Our authorities decide, not the name the peer was reached at (nodes are reached by address) nor the machine's roots.
        RemoteCertificateValidation = (peer, chain, _) =>
        {
            if (certificates.IsIssuedToUs(peer, chain, out var problem))
                return true;
            logger.LogWarning("Refused an Orleans connection: its certificate {Subject} ({Thumbprint}) is not issued by an authority of {Key}: {Problem}",
                peer.Subject, peer.Thumbprint, $"{ClusterTlsSettings.SectionName}:{nameof(ClusterTlsSettings.TrustedCaPath)}", problem);
            return false;
        },
    };
}
