using Loyalty.Storage.Database;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Loyalty.Storage.Hosting;

/// <summary>
/// Applies our schema when the silo starts, before any Orleans provider reads its queries from <c>OrleansQuery</c>.
/// </summary>
internal sealed partial class LoyaltySchemaBootstrap(
    LoyaltyDatabase database,
    IOptions<LoyaltyStorageOptions> options,
    ILogger<LoyaltySchemaBootstrap> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Just before the runtime initialises: ahead of grain storage, and of any clustering or reminder tables.</summary>
    internal const int Stage = ServiceLifecycleStage.RuntimeInitialize - 1;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LoyaltySchemaBootstrap), Stage, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ApplySchemaOnStart)
        {
            LogSkipped(database.Provider);
            return;
        }

        await database.EnsureSchemaAsync(cancellationToken);
        LogApplied(database.Provider);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loyalty schema applied ({Provider}).")]
    private partial void LogApplied(StorageProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loyalty schema not applied at start ({Provider}): ApplySchemaOnStart is false.")]
    private partial void LogSkipped(StorageProvider provider);
}
