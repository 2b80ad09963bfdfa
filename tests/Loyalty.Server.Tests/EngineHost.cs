using Microsoft.AspNetCore.Hosting;
using Loyalty.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Loyalty.Server.Tests;

/// <summary>The real engine host on Kestrel (loopback, a free port) with its real SQLite file.</summary>
public sealed class EngineHost : WebApplicationFactory<Program>
{
    public const string TillKey = "test-till-key-0001";
    public const string MarketingKey = "test-marketing-key-0001";
    public const string OperationsKey = "test-operations-key-0001";
    public const string SupportKey = "test-support-key-0001";
    public const string SigningKey = "test-signing-key-of-at-least-32-characters";
    public const string Issuer = "loyalty-tests";
    public const string Audience = "loyalty";

    private readonly IReadOnlyDictionary<string, string> _storage;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly bool _withKeys;
    private readonly Action<IServiceCollection>? _extraServices;
    private readonly StartFaults _startFaults = new();
    private ISiloLifecycleSubject? _silo;
    private IHost? _host;

    /// <param name="storage">The <c>Loyalty:Storage</c> settings: which database, and where.</param>
    /// <param name="settings">Further configuration, by full key.</param>
    /// <param name="withKeys">Whether to configure the test till, marketing and operations keys.</param>
    /// <param name="services">Services to add after the engine's own (e.g. a log collector).</param>
    public EngineHost(IReadOnlyDictionary<string, string> storage, IReadOnlyDictionary<string, string>? settings = null, bool withKeys = true,
        Action<IServiceCollection>? services = null)
    {
        _storage = storage;
        _settings = settings ?? new Dictionary<string, string>();
        _withKeys = withKeys;
        _extraServices = services;
        UseKestrel(0);
    }

    /// <summary>The running host, to stop it as the process would on SIGTERM.</summary>
    public IHost RunningHost
    {
        get
        {
            StartServer();
            return _host ?? throw new InvalidOperationException("The host was not created.");
        }
    }

    /// <summary>
    /// The host as the factory builds and starts it. When it fails to start (a node the cluster refuses, say), the
    /// stages of its silo that had started are stopped: Orleans stops none of them when a start fails (and refuses to
    /// stop a silo that is not running), and the grain directory of such a silo keeps its membership loop spinning on a
    /// core for as long as the test process lives.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        try
        {
            _host = base.CreateHost(builder);
            return _host;
        }
        catch
        {
            // In the background: stopping the stages of a silo that never joined took some 15 s here, and the test need
            // not wait for it.
            _silo?.OnStop().ContinueWith(stop => stop.Exception, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>
    /// Starts an engine that is expected to refuse to start, and returns what stopped it: the exception the host logged
    /// as it failed, else the one the start threw. The entry point starts the host on a thread of its own while the factory
    /// is still setting it up; when the start fails quickly, the entry point disposes the host first and the factory
    /// then meets a disposed service provider (an <see cref="ObjectDisposedException"/> that names no setting).
    /// </summary>
    public Exception RefusedStart()
    {
        try
        {
            StartServer();
        }
        catch (Exception thrown)
        {
            return _startFaults.First ?? thrown;
        }
        throw new Xunit.Sdk.XunitException("The engine started, but it should have refused to.");
    }

    /// <summary>The first hosted service of a test engine: it only keeps the silo's lifecycle for <see cref="CreateHost"/>.</summary>
    private sealed class NothingToStart : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _storage)
            builder.UseSetting($"Loyalty:Storage:{key}", value);
        builder.UseSetting("Loyalty:Cluster:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Loyalty:Cluster:DirectoryCacheSize", TestEngines.DirectoryCacheSize);
        builder.UseSetting("Loyalty:Auth:Jwt:SigningKey", SigningKey);
        builder.UseSetting("Loyalty:Auth:Jwt:Issuer", Issuer);
        builder.UseSetting("Loyalty:Auth:Jwt:Audience", Audience);
        if (_withKeys)
            UseTestKeys(builder);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_extraServices is not null)
            builder.ConfigureServices(_extraServices);
        builder.ConfigureLogging(logging => logging.AddProvider(_startFaults));
        builder.ConfigureServices(s => s.Insert(0, ServiceDescriptor.Singleton<IHostedService>(services =>
        {
            _silo = services.GetService<ISiloLifecycleSubject>();
            return new NothingToStart();
        })));
    }

    private static void UseTestKeys(IWebHostBuilder builder)
    {
        builder.UseSetting("Loyalty:Auth:ApiKeys:0:Key", TillKey);
        builder.UseSetting("Loyalty:Auth:ApiKeys:0:Name", "Test till");
        builder.UseSetting("Loyalty:Auth:ApiKeys:0:Role", "till");
        builder.UseSetting("Loyalty:Auth:ApiKeys:1:Key", MarketingKey);
        builder.UseSetting("Loyalty:Auth:ApiKeys:1:Name", "Test marketing");
        builder.UseSetting("Loyalty:Auth:ApiKeys:1:Role", "marketing");
        builder.UseSetting("Loyalty:Auth:ApiKeys:2:Key", OperationsKey);
        builder.UseSetting("Loyalty:Auth:ApiKeys:2:Name", "Test operations");
        builder.UseSetting("Loyalty:Auth:ApiKeys:2:Role", "operations");
        builder.UseSetting("Loyalty:Auth:ApiKeys:9:Key", SupportKey);
        builder.UseSetting("Loyalty:Auth:ApiKeys:9:Name", "Test support");
        builder.UseSetting("Loyalty:Auth:ApiKeys:9:Role", "support");
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
    public HttpClient Support() => Client(SupportKey);

}

/// <summary>One engine for a test class, on a database of its own: a SQLite file.</summary>
public class EngineFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-server-tests-" + Guid.NewGuid().ToString("N"));
    private IReadOnlyDictionary<string, string> _storage = new Dictionary<string, string>();

    public EngineHost Host { get; private set; } = null!;

    /// <summary>The engine's <c>Loyalty:Storage</c> settings (its database), for a test that reads the database itself.</summary>
    public IReadOnlyDictionary<string, string> Storage => _storage;

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _storage = await PrepareStorageAsync(_folder);
        Host = new EngineHost(_storage, Settings, services: Services);
    }

    /// <summary>Configuration of the engine beyond its storage and keys, by full key.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>Services to add to the engine's own.</summary>
    protected virtual Action<IServiceCollection>? Services => null;

    protected virtual Task<IReadOnlyDictionary<string, string>> PrepareStorageAsync(string folder) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["Provider"] = "Sqlite",
            ["ConnectionString"] = $"Data Source={Path.Combine(folder, "loyalty.db")}",
        });

    protected virtual Task ReleaseStorageAsync() => Task.CompletedTask;

    /// <summary>Stops the engine and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Host = new EngineHost(_storage, Settings, services: Services);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await ReleaseStorageAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One engine for a test class on PostgreSQL: a throw-away server, or the one <c>LOYALTY_TEST_POSTGRES</c> names.</summary>
public sealed class PostgreSqlEngineFixture : EngineFixture
{
    private readonly PostgreSqlStorage _storage = new();

    protected override Task<IReadOnlyDictionary<string, string>> PrepareStorageAsync(string folder) => _storage.PrepareAsync();

    protected override Task ReleaseStorageAsync() => _storage.ReleaseAsync();
}

/// <summary>The <c>Loyalty:Storage</c> settings of a PostgreSQL database for a test class, and its release.</summary>
public sealed class PostgreSqlStorage
{
    private PostgreSqlServer? _server;

    /// <summary>A throw-away server, or the one <c>LOYALTY_TEST_POSTGRES</c> names.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PrepareAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("LOYALTY_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            _server = await PostgreSqlServer.StartAsync();
            connectionString = _server.ConnectionString;
        }
        return new Dictionary<string, string> { ["Provider"] = "PostgreSql", ["ConnectionString"] = connectionString };
    }

    public async Task ReleaseAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
