using System.Net;
using System.Net.Sockets;
using Loyalty.Domain;
using Loyalty.Grains;
using Loyalty.Grains.Insights;
using Loyalty.Grains.Promotions;
using Loyalty.Grains.Diagnostics;
using Loyalty.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Loyalty.MemoryProbe;

/// <summary>
/// One silo in this process, configured like the engine's: localhost clustering, the engine's grain storage and
/// ledger (<see cref="LoyaltyStorageSiloBuilderExtensions.AddLoyaltyStorage"/>) on a fresh SQLite folder in the
/// temporary directory, the demo programme, the system clock. Unlike the engine, idle grains are never collected:
/// every grain the probe activates stays active until the silo stops.
/// </summary>
internal sealed class ProbeSilo : IAsyncDisposable
{
    /// <summary>Longer than any run: no grain is deactivated for being idle while the probe measures.</summary>
    public static readonly TimeSpan CollectionAge = TimeSpan.FromDays(7);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(2);

    private readonly IHost _host;

    private ProbeSilo(IHost host, string dataFolder) => (_host, DataFolder) = (host, dataFolder);

    public string DataFolder { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <summary>The SQLite file holding the members' state and the ledger table.</summary>
    public string DatabaseConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(DataFolder, "loyalty.db"),
    }.ToString();

    public static async Task<ProbeSilo> StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "loyalty-memory-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = folder });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddKeyedSingleton(LoyaltyClock.Key, TimeProvider.System);
        builder.Services.AddSingleton(new Programme(ProgrammeOptions.Demo()));
        builder.Services.AddLoyaltyPromotions();
        builder.Services.AddLoyaltyInsights();
        builder.Services.AddLoyaltyMetrics();
        var run = Guid.NewGuid().ToString("N")[..8];
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort(), serviceId: "loyalty-probe-" + run, clusterId: "loyalty-probe-" + run);
            silo.AddLoyaltyStorage(o => o.DataFolder = folder);
            silo.UseInMemoryReminderService();
            silo.Configure<GrainCollectionOptions>(o =>
            {
                o.CollectionAge = CollectionAge;
                o.EnableActivationSheddingOnMemoryPressure = false;
            });
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            DeleteFolder(folder);
            throw;
        }
        return new ProbeSilo(host, folder);
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await _host.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping took too long: the process is about to end anyway.
            }
        }
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        DeleteFolder(DataFolder);
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A loopback TCP port that was free a moment ago.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
