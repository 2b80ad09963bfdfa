using Loyalty.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Loyalty.SqlBaseline.Tests;

/// <summary>The baseline's real host on Kestrel (loopback, a free port) with a real database.</summary>
public sealed class BaselineHost : WebApplicationFactory<Program>
{
    public const string Key = "test-baseline-key-0001";

    private readonly string _provider;
    private readonly string _connectionString;

    public BaselineHost(string provider, string connectionString)
    {
        _provider = provider;
        _connectionString = connectionString;
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Baseline:Provider", _provider);
        builder.UseSetting("Baseline:ConnectionString", _connectionString);
        builder.UseSetting("Baseline:ApiKeys:0", Key);
    }

    public HttpClient Client(string? key = Key)
    {
        StartServer();
        var client = CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}

/// <summary>A baseline on a SQLite file of its own.</summary>
public sealed class SqliteBaselineFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-baseline-tests-" + Guid.NewGuid().ToString("N"));

    public BaselineHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Host = new BaselineHost("Sqlite", $"Data Source={Path.Combine(_folder, "baseline.db")}");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A baseline on a throw-away PostgreSQL server, or the one <c>LOYALTY_TEST_POSTGRES</c> names.</summary>
public sealed class PostgreSqlBaselineFixture : IAsyncLifetime
{
    private PostgreSqlServer? _server;

    public BaselineHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("LOYALTY_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            _server = await PostgreSqlServer.StartAsync();
            connectionString = _server.ConnectionString;
        }
        Host = new BaselineHost("PostgreSql", connectionString);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
