using System.Security.Cryptography.X509Certificates;
using Loyalty.Server.Hosting;
using Loyalty.Storage;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Tests;

/// <summary>
/// <c>Loyalty:Cluster:Tls</c> on its own: required in a database cluster, and its files checked at start, with a
/// message that names the key at fault.
/// </summary>
public sealed class ClusterTlsSettingsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-tls-settings-" + Guid.NewGuid().ToString("N"));
    private readonly TestAuthority _authority;

    public ClusterTlsSettingsTests() => _authority = new TestAuthority(_folder, "cluster");

    [Theory]
    [InlineData(ClusterMode.AdoNet)]
    [InlineData(ClusterMode.Kubernetes)]
    public void A_database_cluster_without_certificates_is_refused_unless_TLS_is_turned_off_for_a_trial(ClusterMode mode)
    {
        var refused = Validate(new ClusterSettings { Mode = mode });
        var trial = Validate(new ClusterSettings { Mode = mode, Tls = new ClusterTlsSettings { DisableForLocalTrials = true } });

        Assert.Contains($"Loyalty:Cluster:Tls:CertificatePath and Loyalty:Cluster:Tls:TrustedCaPath must be set under Loyalty:Cluster:Mode {mode}", refused.FailureMessage);
        Assert.True(trial.Succeeded, trial.FailureMessage);
    }

    [Fact]
    public void A_single_node_needs_no_certificate_and_a_cluster_with_one_is_accepted()
    {
        Assert.True(Validate(new ClusterSettings()).Succeeded);
        var result = Validate(new ClusterSettings { Mode = ClusterMode.AdoNet, Tls = Tls(_authority.NodeSettings("node1")) });
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Turning_TLS_off_and_configuring_a_certificate_at_once_is_refused()
    {
        var tls = Tls(_authority.NodeSettings("node1"));
        tls.DisableForLocalTrials = true;

        var result = Validate(new ClusterSettings { Mode = ClusterMode.AdoNet, Tls = tls });

        Assert.Contains("Loyalty:Cluster:Tls:DisableForLocalTrials and Loyalty:Cluster:Tls:CertificatePath are both set", result.FailureMessage);
    }

    [Fact]
    public void Missing_files_are_named()
    {
        var tls = Tls(_authority.NodeSettings("node1"));
        var missing = Path.Combine(_folder, "missing.pem");

        Assert.Contains($"Loyalty:Cluster:Tls:CertificatePath '{missing}' does not exist",
            Validate(new ClusterSettings { Tls = new ClusterTlsSettings { CertificatePath = missing, TrustedCaPath = tls.TrustedCaPath } }).FailureMessage);
        Assert.Contains($"Loyalty:Cluster:Tls:TrustedCaPath '{missing}' does not exist",
            Validate(new ClusterSettings { Tls = new ClusterTlsSettings { CertificatePath = tls.CertificatePath, KeyPath = tls.KeyPath, TrustedCaPath = missing } }).FailureMessage);
        Assert.Contains("Loyalty:Cluster:Tls:TrustedCaPath must name the PEM file",
            Validate(new ClusterSettings { Tls = new ClusterTlsSettings { CertificatePath = tls.CertificatePath, KeyPath = tls.KeyPath } }).FailureMessage);
    }

    [Fact]
    public void A_certificate_without_its_key_or_not_for_client_authentication_is_refused()
    {
        var tls = Tls(_authority.NodeSettings("node1"));
        var serverOnly = Tls(_authority.NodeSettings("server-only", clientAuthentication: false));

        var withoutKey = Validate(new ClusterSettings { Tls = new ClusterTlsSettings { CertificatePath = tls.CertificatePath, TrustedCaPath = tls.TrustedCaPath } });
        var notForClients = Validate(new ClusterSettings { Tls = serverOnly });

        Assert.Contains($"Loyalty:Cluster:Tls:CertificatePath '{tls.CertificatePath}' has no private key", withoutKey.FailureMessage);
        Assert.Contains($"Loyalty:Cluster:Tls:CertificatePath '{serverOnly.CertificatePath}' must be allowed for server and client authentication", notForClients.FailureMessage);
    }

    [Fact]
    public void A_certificate_of_another_authority_is_refused_at_start()
    {
        var other = new TestAuthority(Path.Combine(_folder, "other"), "other");
        var tls = Tls(other.NodeSettings("node1", trusted: _authority));

        var result = Validate(new ClusterSettings { Mode = ClusterMode.AdoNet, Tls = tls });

        Assert.Contains($"Loyalty:Cluster:Tls:CertificatePath '{tls.CertificatePath}' is not accepted under Loyalty:Cluster:Tls:TrustedCaPath", result.FailureMessage);
    }

    [Fact]
    public void A_PKCS12_file_loads_with_its_password_and_a_wrong_password_is_named()
    {
        using var certificate = _authority.Issue("node1");
        var pfx = Path.Combine(_folder, "node1.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, "secret"));
        var tls = new ClusterTlsSettings { CertificatePath = pfx, CertificatePassword = "secret", TrustedCaPath = _authority.CaPath };

        var loaded = ClusterCertificates.Load(tls);
        tls.CertificatePassword = "wrong";
        var wrong = Validate(new ClusterSettings { Mode = ClusterMode.AdoNet, Tls = tls });

        Assert.Equal(certificate.Thumbprint, loaded.Node.Thumbprint);
        Assert.True(loaded.Node.HasPrivateKey);
        Assert.Contains($"Loyalty:Cluster:Tls:CertificatePath '{pfx}' cannot be read", wrong.FailureMessage);
    }

    [Fact]
    public void During_a_rotation_peers_of_both_the_old_and_the_new_authority_are_accepted()
    {
        var next = new TestAuthority(Path.Combine(_folder, "next"), "next");
        var both = Path.Combine(_folder, "both-ca.pem");
        File.WriteAllText(both, File.ReadAllText(_authority.CaPath) + File.ReadAllText(next.CaPath));
        var tls = Tls(_authority.NodeSettings("node1"));
        tls.TrustedCaPath = both;
        var other = new TestAuthority(Path.Combine(_folder, "other"), "other");

        var certificates = ClusterCertificates.Load(tls);
        using var oldPeer = _authority.Issue("node2");
        using var newPeer = next.Issue("node3");
        using var stranger = other.Issue("node4");

        Assert.True(certificates.IsIssuedToUs(oldPeer, null, out _));
        Assert.True(certificates.IsIssuedToUs(newPeer, null, out _));
        Assert.False(certificates.IsIssuedToUs(stranger, null, out var problem));
        Assert.NotEmpty(problem);
    }

    private static ClusterTlsSettings Tls(Dictionary<string, string> settings) => new()
    {
        CertificatePath = settings["Loyalty:Cluster:Tls:CertificatePath"],
        KeyPath = settings["Loyalty:Cluster:Tls:KeyPath"],
        TrustedCaPath = settings["Loyalty:Cluster:Tls:TrustedCaPath"],
    };

    private static ValidateOptionsResult Validate(ClusterSettings settings) =>
        new ClusterSettingsValidator(Options.Create(new LoyaltyStorageOptions { Provider = StorageProvider.PostgreSql })).Validate(null, settings);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
