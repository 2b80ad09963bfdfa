using Loyalty.Domain;
using Loyalty.Grains.Insights;
using Loyalty.Grains.PendingPoints;
using Loyalty.Grains.Promotions;
using Loyalty.Grains.Diagnostics;
using Loyalty.Grains.Watching;
using Loyalty.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Loyalty.Grains.Tests;

/// <summary>
/// A real in-process Orleans cluster whose member grains store to a real SQLite file. The programme's clock is a
/// fake the tests move; the ledger store can be made to fail to exercise the outbox.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-grain-tests-" + Guid.NewGuid().ToString("N"));

    private readonly string _serviceId = "loyalty-tests-" + Guid.NewGuid().ToString("N")[..8];

    public FakeTimeProvider Time { get; } = new(Start);
    public FlakyLedgerStore.Switch LedgerFaults { get; } = new();
    public FlakyGrainStorage.Switch StorageFaults { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    public string DatabasePath => Path.Combine(_folder, "loyalty.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Cluster = Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Stops every silo and starts a new cluster on the same database: a restart of the whole process.</summary>
    public async Task RestartAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = Build();
        await Cluster.DeployAsync();
    }

    protected virtual short SiloCount => 1;

    /// <summary>The programme the silos run.</summary>
    protected virtual ProgrammeOptions CreateProgrammeOptions() => ProgrammeOptions.Demo();

    /// <summary>Services a fixture adds to each silo's.</summary>
    protected virtual void AddServices(IServiceCollection services) { }

    public ILedgerStore Ledger => Cluster.Silos[0].ServiceProvider.GetRequiredService<ILedgerStore>();

    private InProcessTestCluster Build()
    {
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.Options.ServiceId = _serviceId; // the stored state is keyed by service id: keep it across restarts
        var connection = $"Data Source={DatabasePath}";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLoyaltyStorage(o => o.ConnectionString = connection);
            silo.Services.AddKeyedSingleton<TimeProvider>(LoyaltyClock.Key, Time);
            silo.Services.AddSingleton(new Programme(CreateProgrammeOptions()));
            silo.Services.AddLoyaltyMetrics();
            silo.Services.AddLoyaltyStorageFailureTranslation();
            silo.Services.AddSingleton(LedgerFaults);
            silo.Services.DecorateKeyed<IGrainStorage>(LoyaltyStorageNames.GrainStorage, inner => new FlakyGrainStorage(inner, StorageFaults));
            silo.Services.AddSingleton<RecordingEventSink>();
            silo.Services.AddSingleton<IMemberEventSink>(sp => sp.GetRequiredService<RecordingEventSink>());
            silo.Services.AddSingleton<MemberWatchers>();
            silo.Services.AddSingleton<RecordingAnnouncementSink>();
            silo.Services.AddSingleton<IPromotionAnnouncementSink>(sp => sp.GetRequiredService<RecordingAnnouncementSink>());
            silo.Services.AddLoyaltyPromotions();
            silo.Services.AddLoyaltyInsights();
            silo.Services.AddLoyaltyPendingReleases();
            silo.UseInMemoryReminderService();
            // Orleans allocates its whole directory cache when a silo starts (about 19 MB for the default million
            // addresses); these silos call a few hundred grains at most, and the tests start dozens of them.
            silo.Services.Configure<GrainDirectoryOptions>(o => o.CacheSize = 1_000);
            AddServices(silo.Services);
            silo.Services.Decorate<ILedgerStore>((inner, sp) => new FlakyLedgerStore(inner, sp.GetRequiredService<FlakyLedgerStore.Switch>()));
        });
        return builder.Build();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

internal static class DecorateExtensions
{
    /// <summary>Wraps the registered singleton of <typeparamref name="T"/>.</summary>
    public static void Decorate<T>(this IServiceCollection services, Func<T, IServiceProvider, T> wrap) where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T) && !d.IsKeyedService);
        services.Remove(original);
        services.Add(ServiceDescriptor.Singleton<T>(sp => wrap((T)Build(original, sp), sp)));

        static object Build(ServiceDescriptor d, IServiceProvider sp) =>
            d.ImplementationInstance ?? d.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!);
    }

    /// <summary>Wraps the last keyed registration of <typeparamref name="T"/> under <paramref name="key"/> (a factory one).</summary>
    public static void DecorateKeyed<T>(this IServiceCollection services, object key, Func<T, T> wrap) where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T) && d.IsKeyedService && Equals(d.ServiceKey, key));
        services.Add(ServiceDescriptor.KeyedSingleton<T>(key, (sp, k) => wrap((T)original.KeyedImplementationFactory!(sp, k))));
    }
}
