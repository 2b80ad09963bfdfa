namespace Loyalty.Server.Hosting;

/// <summary>
/// Mutual TLS between the nodes, from <c>Loyalty:Cluster:Tls</c>: each node presents <see cref="CertificatePath"/> and
/// accepts only peers whose certificate was issued by an authority of <see cref="TrustedCaPath"/>. Required under
/// <see cref="ClusterMode.AdoNet"/> and <see cref="ClusterMode.Kubernetes"/>; used under
/// <see cref="ClusterMode.Localhost"/> when a certificate is configured.
/// </summary>
public sealed class ClusterTlsSettings
{
    public const string SectionName = ClusterSettings.SectionName + ":Tls";

    /// <summary>
    /// The node's certificate: a PKCS#12 file (<c>.pfx</c> or <c>.p12</c>, with its key), or a PEM file whose key is in
    /// <see cref="KeyPath"/> or in the same file. It must be allowed for both server and client authentication.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>; empty when the key is in the same file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of the PKCS#12 file, or of an encrypted PEM key; empty when there is none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// A PEM file of one or more certificate authorities: a peer is accepted when its certificate chains to one of them.
    /// Two during a rotation of the authority (the old one and the new one).
    /// </summary>
    public string? TrustedCaPath { get; set; }

    /// <summary>
    /// Runs a cluster without TLS: any process that reaches a node's silo port can then join it, read every message
    /// and call any grain. For a trial on one machine only; the node logs a warning at start.
    /// </summary>
    public bool DisableForLocalTrials { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath);
}
