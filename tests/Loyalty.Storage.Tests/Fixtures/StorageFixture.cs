using Loyalty.Testing;
using Loyalty.Storage.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Loyalty.Storage.Tests.Fixtures;

/// <summary>
/// One in-process silo with <see cref="LoyaltyStorageSiloBuilderExtensions.AddLoyaltyStorage"/> on a real database,
/// shared by the tests of one provider.
/// </summary>
public abstract class StorageFixture : IAsyncLifetime
{
    private IHost? _host;

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The silo is not started.");

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public ILedgerStore Ledger => Services.GetRequiredService<ILedgerStore>();

    public ILoyaltyDatabase Database => Services.GetRequiredService<ILoyaltyDatabase>();

    internal LoyaltyDatabase Internals => Services.GetRequiredService<LoyaltyDatabase>();

    public IGrainStorage GrainStorage => Services.GetRequiredKeyedService<IGrainStorage>(LoyaltyStorageNames.GrainStorage);

    /// <summary>Prepares the database and says how the storage reaches it.</summary>
    protected abstract Task<Action<LoyaltyStorageOptions>> PrepareDatabaseAsync();

    protected virtual Task ReleaseDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var configure = await PrepareDatabaseAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: "loyalty-tests", clusterId: $"storage-{Guid.NewGuid():N}")
            .AddLoyaltyStorage(configure));
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_host is not null)
            {
                await _host.StopAsync();
                if (_host is IAsyncDisposable asyncDisposable)
                {
                    await asyncDisposable.DisposeAsync();
                }
                else
                {
                    _host.Dispose();
                }
            }
        }
        finally
        {
            await ReleaseDatabaseAsync();
        }
    }
}
