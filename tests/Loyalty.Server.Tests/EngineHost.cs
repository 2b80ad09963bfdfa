using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Loyalty.Server.Tests;

/// <summary>The real engine host on Kestrel (loopback, a free port) with its real SQLite file.</summary>
public sealed class EngineHost : WebApplicationFactory<Program>
{
    public const string TillKey = "test-till-key-0001";
    public const string MarketingKey = "test-marketing-key-0001";

    private readonly string _connectionString;

    public EngineHost(string databasePath)
    {
        _connectionString = $"Data Source={databasePath}";
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Loyalty:Storage:Provider", "Sqlite");
        builder.UseSetting("Loyalty:Storage:ConnectionString", _connectionString);
        builder.UseSetting("Loyalty:Cluster:SiloPort", FreePort().ToString());
        builder.UseSetting("Loyalty:Cluster:GatewayPort", FreePort().ToString());
        builder.UseSetting("Loyalty:Auth:ApiKeys:0:Key", TillKey);
        builder.UseSetting("Loyalty:Auth:ApiKeys:0:Name", "Test till");
        builder.UseSetting("Loyalty:Auth:ApiKeys:0:Role", "till");
        builder.UseSetting("Loyalty:Auth:ApiKeys:1:Key", MarketingKey);
        builder.UseSetting("Loyalty:Auth:ApiKeys:1:Name", "Test marketing");
        builder.UseSetting("Loyalty:Auth:ApiKeys:1:Role", "marketing");
    }

    public HttpClient Client(string? apiKey)
    {
        StartServer();
        var client = CreateClient();
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public HttpClient Till() => Client(TillKey);
    public HttpClient Marketing() => Client(MarketingKey);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One engine for a test class, on a database file of its own.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-server-tests-" + Guid.NewGuid().ToString("N"));

    public EngineHost Host { get; private set; } = null!;
    public string DatabasePath => Path.Combine(_folder, "loyalty.db");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Host = new EngineHost(DatabasePath);
        return Task.CompletedTask;
    }

    /// <summary>Stops the engine and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = new EngineHost(DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
