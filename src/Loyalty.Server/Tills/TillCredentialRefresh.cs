using Loyalty.Grains;
using Loyalty.Storage.Tills;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Tills;

/// <summary>
/// Reloads <see cref="TillCredentialCache"/> from the database every <see cref="TillOptions.RefreshInterval"/>, so that
/// a till enrolled or revoked on any node is known here within that time, and the hub connections of revoked tills
/// are closed. A failed reload keeps the last copy.
/// </summary>
public sealed partial class TillCredentialRefresh(
    ITillStore store,
    TillCredentialCache cache,
    TillHubConnections connections,
    IOptions<TillOptions> options,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider clock,
    ILogger<TillCredentialRefresh> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Reloads now (after an enrolment, a revocation or a new session on this node).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            cache.Replace(await store.ActiveCredentialsAsync(clock.GetUtcNow(), cancellationToken));
            connections.CloseEnded();
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The refresh runs on real time, whatever the programme clock says.
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, TimeProvider.System);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The enrolled tills could not be reloaded; the last known ones still apply.")]
    private partial void LogRefreshFailed(Exception exception);
}
