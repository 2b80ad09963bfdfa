using Loyalty.Domain.Identity;
using Loyalty.Domain.Insights;
using Loyalty.Storage.Catalogues;
using Loyalty.Storage.Database;
using Loyalty.Storage.GrainState;
using Loyalty.Storage.Hosting;
using Loyalty.Storage.Identity;
using Loyalty.Storage.Imports;
using Loyalty.Storage.Insights;
using Loyalty.Storage.Ledger;
using Loyalty.Storage.Liability;
using Loyalty.Storage.PendingPoints;
using Loyalty.Storage.Privacy;
using Loyalty.Storage.SignIn;
using Loyalty.Storage.Tills;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans;

namespace Loyalty.Storage;

public static class LoyaltyStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds the engine's storage to a silo: <see cref="LoyaltyStorageOptions"/> (given to <paramref name="configure"/>,
    /// validated at start), <see cref="ILoyaltyDatabase"/>, <see cref="ILedgerStore"/>, <see cref="IIdentifierStore"/>, <see cref="ITillStore"/>, <see cref="ICatalogueAuditStore"/>, <see cref="IPendingDueStore"/> <see cref="IErasureStore"/> and <see cref="IImportStatusStore"/>, the schema bootstrap at start,
    /// the insights read model (<see cref="IInsightsReadModel"/>, <see cref="InsightsProjector"/>), the liability counters
    /// (<see cref="ILiabilityCounters"/>, <see cref="LiabilityProjector"/>), the sign-in tables
    /// (<see cref="SignInCodeStore"/>, <see cref="RefreshTokenStore"/>, <see cref="SigningKeyStore"/>), the exports' readers
    /// (<see cref="LedgerRangeReader"/>, <see cref="MemberStateReader"/>),
    /// and the Orleans ADO.NET grain storage <see cref="LoyaltyStorageNames.GrainStorage"/> on the same database,
    /// storing state with the Orleans binary serializer.
    /// </summary>
    public static ISiloBuilder AddLoyaltyStorage(this ISiloBuilder silo, Action<LoyaltyStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configure);

        var services = silo.Services;
        services.AddOptions<LoyaltyStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoyaltyStorageOptions>, LoyaltyStorageOptionsValidator>());

        services.TryAddSingleton(sp => LoyaltyDatabase.Create(
            sp.GetRequiredService<IOptions<LoyaltyStorageOptions>>().Value,
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory));
        services.TryAddSingleton<ILoyaltyDatabase>(sp => sp.GetRequiredService<LoyaltyDatabase>());
        services.TryAddSingleton<ILedgerStore>(sp => new LedgerStore(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton<IIdentifierStore>(sp => new IdentifierStore(sp.GetRequiredService<LoyaltyDatabase>(), TimeProvider.System));
        services.TryAddSingleton<ITillStore>(sp => new TillStore(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton<ICatalogueAuditStore>(sp => new CatalogueAuditStore(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton<IPendingDueStore>(sp => new PendingDueStore(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton<IErasureStore>(sp => new ErasureStore(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton<IImportStatusStore>(sp => new ImportStatusStore(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, LoyaltySchemaBootstrap>());
        services.TryAddSingleton(sp => new SignInCodeStore(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton(sp => new RefreshTokenStore(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton(sp => new LedgerRangeReader(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton(sp => new MemberStateReader(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton(sp => new SigningKeyStore(sp.GetRequiredService<LoyaltyDatabase>()));
        services.AddOptions<InsightsOptions>();
        services.TryAddSingleton(sp => new InsightsStore(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton<IInsightsReadModel>(sp => new InsightsReadModel(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton(sp => new InsightsProjector(sp.GetRequiredService<InsightsStore>(), sp.GetRequiredService<IOptions<InsightsOptions>>()));
        services.TryAddSingleton(sp => new LiabilityProjector(sp.GetRequiredService<LoyaltyDatabase>()));
        services.TryAddSingleton<ILiabilityCounters>(sp => new LiabilityCounters(sp.GetRequiredService<LoyaltyDatabase>()));

        silo.AddAdoNetGrainStorage(LoyaltyStorageNames.GrainStorage, grainStorage => grainStorage
            .Configure<LoyaltyDatabase, Serializer>((storage, database, serializer) =>
            {
                storage.Invariant = database.AdoNetInvariant;
                if (database.DataSource is { } dataSource)
                {
                    storage.DataSource = dataSource;
                }
                else
                {
                    storage.ConnectionString = database.ConnectionString;
                }
                storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        services.AddKeyedSingleton<IGrainStorage>(LoyaltyStorageNames.GrainStorage, (sp, _) => CreateGrainStorage(sp));
        return silo;
    }

    /// <summary>
    /// The grain storage the grains use, in place of the provider's own registration: each state under its own key
    /// (<see cref="KeyedGrainStorage"/>); updates of many grains' states in shared batches and commits
    /// (<see cref="GroupWriteGrainStorage"/>); below, the Orleans ADO.NET storage behind the database's write gate.
    /// </summary>
    private static IGrainStorage CreateGrainStorage(IServiceProvider services)
    {
        var database = services.GetRequiredService<LoyaltyDatabase>();
        IGrainStorage storage = new WriteGatedGrainStorage(AdoNetGrainStorageFactory.Create(services, LoyaltyStorageNames.GrainStorage), database);
        var serviceId = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        storage = new GroupWriteGrainStorage(storage, new StateGroupWrite(database, serviceId),
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()));
        return new KeyedGrainStorage(storage, services.GetRequiredService<ILedgerStore>(), services.GetRequiredService<ILogger<KeyedGrainStorage>>());
    }
}
