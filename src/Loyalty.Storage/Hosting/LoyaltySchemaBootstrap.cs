using System.Data.Common;
using System.Diagnostics;
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

        // A node may start while its database is still starting or restarting (a cluster brought up at once): wait
        // for it, within a bound, rather than fail at once.
        var waited = Stopwatch.StartNew();
        var bound = TimeSpan.FromSeconds(Math.Max(0, options.Value.StartupWaitSeconds));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await database.EnsureSchemaAsync(cancellationToken);
                break;
            }
            catch (Exception error) when (IsTransient(error) && waited.Elapsed < bound && !cancellationToken.IsCancellationRequested)
            {
                LogWaiting(database.Provider, attempt, error.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
        LogApplied(database.Provider);
    }

    /// <summary>Errors that another try may not meet: the server refused, did not answer in time, or is starting.</summary>
    internal static bool IsTransient(Exception error) => error switch
    {
        DbException { IsTransient: true } => true,
        TimeoutException => true,
        DbException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The database ({Provider}) did not answer at start (try {Attempt}): {Reason}. Trying again.")]
    private partial void LogWaiting(StorageProvider provider, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loyalty schema applied ({Provider}).")]
    private partial void LogApplied(StorageProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loyalty schema not applied at start ({Provider}): ApplySchemaOnStart is false.")]
    private partial void LogSkipped(StorageProvider provider);
}
