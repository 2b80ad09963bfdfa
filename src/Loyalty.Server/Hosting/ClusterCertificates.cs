using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Loyalty.Server.Hosting;

/// <summary>
/// The node's own certificate and the authorities it trusts, loaded from <see cref="ClusterTlsSettings"/>. A peer is
/// one of ours when its certificate chains to one of those authorities (and only those: the machine's own trusted
/// roots play no part).
/// </summary>
public sealed class ClusterCertificates
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private ClusterCertificates(X509Certificate2 node, X509Certificate2Collection authorities)
    {
        Node = node;
        Authorities = authorities;
    }

    /// <summary>The certificate this node presents, as a server and as a client, with its private key.</summary>
    public X509Certificate2 Node { get; }

    /// <summary>The authorities whose certificates this node accepts.</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>Loads and checks the files; throws <see cref="InvalidOperationException"/> naming the key at fault.</summary>
    public static ClusterCertificates Load(ClusterTlsSettings settings)
    {
        const string section = ClusterTlsSettings.SectionName;
        if (string.IsNullOrWhiteSpace(settings.TrustedCaPath))
            throw new InvalidOperationException($"{section}:{nameof(settings.TrustedCaPath)} must name the PEM file of the authorities that issue the nodes' certificates.");

        var node = Read($"{section}:{nameof(settings.CertificatePath)}", settings.CertificatePath!, () => LoadNode(settings));
        if (!node.HasPrivateKey)
            throw new InvalidOperationException($"{section}:{nameof(settings.CertificatePath)} '{settings.CertificatePath}' has no private key (give it in {section}:{nameof(settings.KeyPath)}).");
        if (!AllowsBothEnds(node))
            throw new InvalidOperationException($"{section}:{nameof(settings.CertificatePath)} '{settings.CertificatePath}' must be allowed for server and client authentication (extended key usages serverAuth and clientAuth): each node is both.");

        var authorities = Read($"{section}:{nameof(settings.TrustedCaPath)}", settings.TrustedCaPath, () =>
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(settings.TrustedCaPath);
            return collection;
        });
        if (authorities.Count == 0)
            throw new InvalidOperationException($"{section}:{nameof(settings.TrustedCaPath)} '{settings.TrustedCaPath}' holds no PEM certificate.");

        var certificates = new ClusterCertificates(node, authorities);
        if (!certificates.IsIssuedToUs(node, null, out var problem))
        {
            throw new InvalidOperationException($"{section}:{nameof(settings.CertificatePath)} '{settings.CertificatePath}' is not accepted under " +
                $"{section}:{nameof(settings.TrustedCaPath)} '{settings.TrustedCaPath}' ({problem}): the other nodes would refuse it.");
        }
        return certificates;
    }

    /// <summary>
    /// Whether <paramref name="peer"/> chains to one of <see cref="Authorities"/> and is valid now. The intermediates the
    /// peer sent (<paramref name="presented"/>) may complete the chain; its root must be ours.
    /// </summary>
    public bool IsIssuedToUs(X509Certificate2 peer, X509Chain? presented, out string problem)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        var valid = chain.Build(peer);
        problem = valid ? "" : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
        return valid;
    }

    private static X509Certificate2 LoadNode(ClusterTlsSettings settings)
    {
        var path = settings.CertificatePath!;
        var password = string.IsNullOrEmpty(settings.CertificatePassword) ? null : settings.CertificatePassword;
        var extension = Path.GetExtension(path);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);

        var keyPath = string.IsNullOrWhiteSpace(settings.KeyPath) ? null : settings.KeyPath;
        if (keyPath is null && !File.ReadAllText(path).Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            return X509CertificateLoader.LoadCertificateFromFile(path); // no key: refused with a message of its own
        using var pem = password is null
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        // A PEM key is ephemeral; TLS on some platforms needs a key it can store, so it goes through PKCS#12 once.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static T Read<T>(string key, string path, Func<T> load)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"{key} '{path}' does not exist.");
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"{key} '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    private static bool AllowsBothEnds(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SingleOrDefault()?.EnhancedKeyUsages;
        if (usages is null)
            return true; // no extended key usage: any usage
        var oids = usages.Cast<Oid>().Select(o => o.Value).ToHashSet();
        return oids.Contains(ServerAuthentication) && oids.Contains(ClientAuthentication);
    }
}
