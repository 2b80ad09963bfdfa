using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Loyalty.Server.Tests;

/// <summary>
/// A throw-away certificate authority in a folder of PEM files, as an operator would make one with openssl: it issues
/// node certificates for <c>Loyalty:Cluster:Tls</c>. Valid from a day before now to a month after, whatever now is.
/// </summary>
public sealed class TestAuthority
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2 _certificate;
    private readonly string _folder;
    private readonly string _name;

    public TestAuthority(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        _folder = folder;
        _name = name;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        CaPath = Path.Combine(folder, $"{name}-ca.pem");
        File.WriteAllText(CaPath, _certificate.ExportCertificatePem() + "\n");
    }

    /// <summary>The PEM file of the authority's certificate: <c>Loyalty:Cluster:Tls:TrustedCaPath</c>.</summary>
    public string CaPath { get; }

    /// <summary>A certificate for a node (server and client authentication, unless told), with its key.</summary>
    public X509Certificate2 Issue(string node, bool clientAuthentication = true)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={node}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usages = new OidCollection { ServerAuthentication };
        if (clientAuthentication)
            usages.Add(ClientAuthentication);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(_certificate, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// A node certificate written as <c>node.pem</c> and <c>node.key</c>, and the <c>Loyalty:Cluster:Tls</c> settings that
    /// use it and trust <paramref name="trusted"/> (this authority when not given).
    /// </summary>
    public Dictionary<string, string> NodeSettings(string node, TestAuthority? trusted = null, bool clientAuthentication = true)
    {
        using var certificate = Issue(node, clientAuthentication);
        var certificatePath = Path.Combine(_folder, $"{_name}-{node}.pem");
        var keyPath = Path.Combine(_folder, $"{_name}-{node}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        return new Dictionary<string, string>
        {
            ["Loyalty:Cluster:Tls:CertificatePath"] = certificatePath,
            ["Loyalty:Cluster:Tls:KeyPath"] = keyPath,
            ["Loyalty:Cluster:Tls:TrustedCaPath"] = (trusted ?? this).CaPath,
        };
    }
}
