using Loyalty.Domain;
using Loyalty.Grains;
using Loyalty.Grains.Diagnostics;
using Loyalty.Grains.Insights;
using Loyalty.Grains.PendingPoints;
using Loyalty.Grains.Promotions;
using Loyalty.Storage;
using Loyalty.Storage.PendingPoints;
using Loyalty.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Loyalty.PendingReleases;

/// <summary>
/// One engine node in this process, on the database measured, with the programme's clock a fake the benchmark moves.
/// Its release scheduler is not on its timer: the benchmark runs its passes and times them.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    public const int PendingDays = 14;
    private const string ServiceId = "pending-releases";

    private readonly IHost _host;

    private BenchNode(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();
    public PendingReleaseScheduler Scheduler => _host.Services.GetRequiredService<PendingReleaseScheduler>();
    public ILedgerStore Ledger => _host.Services.GetRequiredService<ILedgerStore>();
    public IPendingDueStore Due => _host.Services.GetRequiredService<IPendingDueStore>();

    public static async Task<BenchNode> StartAsync(StorageProvider provider, string connectionString, FakeTimeProvider clock)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: ServiceId, clusterId: $"bench-{Guid.NewGuid():N}")
            .UseInMemoryReminderService()
            .AddLoyaltyStorage(o =>
            {
                o.Provider = provider;
                o.ConnectionString = connectionString;
                o.CommandTimeoutSeconds = 300;
            }));
        var programme = ProgrammeOptions.Demo();
        programme.PendingDays = PendingDays;
        builder.Services.AddKeyedSingleton<TimeProvider>(LoyaltyClock.Key, clock);
        builder.Services.AddSingleton(new Programme(programme));
        builder.Services.AddLoyaltyMetrics();
        builder.Services.AddLoyaltyStorageFailureTranslation();
        builder.Services.AddLoyaltyPromotions();
        builder.Services.AddLoyaltyInsights();
        builder.Services.AddSingleton<PendingReleaseScheduler>();
        var host = builder.Build();
        await host.StartAsync();
        return new BenchNode(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
