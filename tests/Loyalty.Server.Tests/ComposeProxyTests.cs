using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Loyalty.Server.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Loyalty.Server.Tests;

/// <summary>
/// The compose cluster's load balancer (deploy/docker: nginx-entrypoint.sh, nginx.conf.template) run with the real nginx
/// in front of a real engine: HTTPS with a certificate made on first start or mounted, HSTS, HTTP redirected, SignalR
/// over WebSockets with the token in the query, and an access log without the token.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]  // nginx, sh and file modes, as in the container
public sealed class ComposeProxyTests(EngineFixture engine) : IClassFixture<EngineFixture>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-proxy-tests-" + Guid.NewGuid().ToString("N"));
    private ComposeProxy? _proxy;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Https_answers_with_a_self_signed_certificate_made_on_first_start_and_the_HSTS_header()
    {
        var proxy = await StartProxyAsync();

        using var client = Trusting(proxy.Certificate);
        using var response = await client.GetAsync(new Uri(proxy.Https, "/health/ready"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains("making a self-signed one", proxy.Output);
        Assert.Equal("localhost", proxy.Certificate.GetNameInfo(X509NameType.DnsFromAlternativeName, false));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(proxy.TlsFolder, "key.pem")));
    }

    [Fact]
    public async Task The_certificate_made_on_first_start_is_kept_for_the_next_start()
    {
        var first = (await StartProxyAsync()).Certificate;
        await _proxy!.DisposeAsync();
        _proxy = null;

        var proxy = await StartProxyAsync();
        using var client = Trusting(first);
        using var response = await client.GetAsync(new Uri(proxy.Https, "/health/ready"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("using the certificate", proxy.Output);
    }

    [Fact]
    public async Task A_mounted_certificate_is_served_and_left_as_it_is()
    {
        using var mine = await MountCertificateAsync(withKey: true);
        var tls = Path.Combine(_folder, "tls");

        var proxy = await StartProxyAsync();
        using var client = Trusting(mine);
        using var response = await client.GetAsync(new Uri(proxy.Https, "/health/ready"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mine.ExportCertificatePem(), await File.ReadAllTextAsync(Path.Combine(tls, "cert.pem")));
        Assert.DoesNotContain("making a self-signed one", proxy.Output);
    }

    [Fact]
    public async Task A_mounted_certificate_without_its_key_stops_the_load_balancer()
    {
        using var mine = await MountCertificateAsync(withKey: false);
        var tls = Path.Combine(_folder, "tls");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(StartProxyAsync);

        Assert.Contains("has only one of cert.pem and key.pem", refused.Message);
        Assert.Equal(["cert.pem"], Directory.GetFiles(tls).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Plain_http_redirects_to_the_same_address_over_https()
    {
        var proxy = await StartProxyAsync();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(proxy.Http, "/api/members/M-1?x=1"));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(new Uri(proxy.Https, "/api/members/M-1?x=1"), response.Headers.Location);
    }

    [Fact]
    public async Task SignalR_over_WebSockets_works_with_the_token_in_the_query_and_the_access_log_masks_it()
    {
        var proxy = await StartProxyAsync();
        var id = Api.NewMemberId();
        var token = Watcher.MemberToken(id);
        using var till = Trusting(proxy.Certificate);
        till.BaseAddress = proxy.Https;
        till.DefaultRequestHeaders.Add("X-Api-Key", EngineHost.TillKey);
        (await till.Enrol(id)).EnsureSuccessStatusCode();

        // As a browser connects: WebSockets, the token in the query (a browser cannot set headers on a WebSocket).
        var served = proxy.Certificate;
        var balances = new ConcurrentQueue<long>();
        await using (var connection = new HubConnectionBuilder()
                         .WithUrl(new Uri(proxy.Https, $"{HubSetup.Path}?access_token={token}"), o =>
                         {
                             o.Transports = HttpTransportType.WebSockets;
                             o.SkipNegotiation = true;
                             o.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = (_, c, _, _) => IsCertificate(c, served);
                         })
                         .Build())
        {
            connection.On<BalanceChanged>(nameof(ILoyaltyClient.BalanceChanged), e => balances.Enqueue(e.Balance));
            await connection.StartAsync();
            Assert.Equal(id, (await connection.InvokeAsync<WatchedAccount>("Watch", id)).MemberId);
            (await till.Purchase(id, Api.Sale("T-1", "LATTE", "coffee", 9, 3.20m))).EnsureSuccessStatusCode();
            await Watcher.Until(() => !balances.IsEmpty);
        }

        Assert.Equal(28L, Assert.Single(balances));
        var log = await proxy.AccessLogOnceAsync(HubSetup.Path);
        Assert.Contains(log, l => l.Contains($"GET {HubSetup.Path}?access_token=[masked] HTTP/1.1\" 101 ", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(token, proxy.Output);
    }

    [Theory]
    [InlineData("access_token={0}")]
    [InlineData("v=1&Access_Token={0}&w=2")]
    [InlineData("access_token={0}&access_token={0}")]
    public async Task A_refused_request_leaves_its_token_in_neither_log(string query)
    {
        var proxy = await StartProxyAsync();
        const string secret = "not-to-be-logged-0123456789";
        using var client = Trusting(proxy.Certificate);

        // Larger than the proxy's body limit: nginx refuses it itself, and would name it in its error log.
        using var response = await client.PostAsync(new Uri(proxy.Https, $"{HubSetup.Path}/negotiate?{string.Format(query, secret)}"),
            new ByteArrayContent(new byte[2 * 1024 * 1024]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var log = await proxy.AccessLogOnceAsync(" 413 ");
        Assert.Contains(log, l => l.Contains($"POST {HubSetup.Path}/negotiate?", StringComparison.Ordinal) && l.Contains(" 413 ", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, proxy.Output);
    }

    private async Task<ComposeProxy> StartProxyAsync()
    {
        var engineAddress = engine.Host.Client(null).BaseAddress!;
        _proxy = await ComposeProxy.StartAsync(engineAddress, _folder);
        return _proxy;
    }

    /// <summary>A certificate of the operator's in the proxy's TLS folder, as a volume would mount it: its key too, or not.</summary>
    private async Task<X509Certificate2> MountCertificateAsync(bool withKey)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = new CertificateRequest("CN=loyalty.example.org", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var tls = Directory.CreateDirectory(Path.Combine(_folder, "tls")).FullName;
        await File.WriteAllTextAsync(Path.Combine(tls, "cert.pem"), certificate.ExportCertificatePem());
        if (withKey)
            await File.WriteAllTextAsync(Path.Combine(tls, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    /// <summary>An HTTP/2 client that trusts the given certificate only.</summary>
    private static HttpClient Trusting(X509Certificate2 certificate) =>
        new(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, _, _) => IsCertificate(c, certificate) },
        })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };

    private static bool IsCertificate(X509Certificate? presented, X509Certificate2 expected) =>
        presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(expected.RawData);

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
            await _proxy.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
