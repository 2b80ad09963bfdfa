using System.Globalization;
using Loyalty.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Browser.Tests;

/// <summary>
/// The real engine host on Kestrel (loopback, a free port) with its own SQLite file, in a chosen environment:
/// Development by default, for its till key and its member tokens (<c>/api/dev/tokens</c>).
/// </summary>
public sealed class PagesHost : WebApplicationFactory<Program>
{
    /// <summary>The till key the Development environment ships, and the till page's default.</summary>
    public const string DevTillKey = "dev-till-key";

    private readonly string _environment;
    private readonly string _databaseFile;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="databaseFile">The SQLite file.</param>
    /// <param name="environment">The host environment.</param>
    /// <param name="port">The loopback port to listen on; 0 for any free one.</param>
    /// <param name="settings">Further configuration, by full key.</param>
    /// <param name="services">Services to add after the engine's own.</param>
    public PagesHost(string databaseFile, string environment = "Development", int port = 0, IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        _databaseFile = databaseFile;
        _environment = environment;
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Loyalty:Storage:Provider", "Sqlite");
        builder.UseSetting("Loyalty:Storage:ConnectionString", $"Data Source={_databaseFile}");
        builder.UseSetting("Loyalty:Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Loyalty:Cluster:DirectoryCacheSize", TestEngines.DirectoryCacheSize);
        builder.UseSetting("Loyalty:Cluster:GatewayPort", FreePort.Next().ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_services is not null)
            builder.ConfigureServices(_services);
    }

    /// <summary>Where the engine listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
                .Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>An HTTP client of the engine; with <paramref name="apiKey"/>, a till's.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }
}
