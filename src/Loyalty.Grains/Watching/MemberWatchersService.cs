using Microsoft.Extensions.Hosting;

namespace Loyalty.Grains.Watching;

/// <summary>Keeps this node's subscriptions alive, and late events moving.</summary>
public sealed class MemberWatchersService(MemberWatchers watchers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(MemberWatchers.GapCheckInterval);
        var sinceRenewal = TimeSpan.Zero;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                sinceRenewal += MemberWatchers.GapCheckInterval;
                if (sinceRenewal >= MemberWatchers.RenewalInterval)
                {
                    sinceRenewal = TimeSpan.Zero;
                    await watchers.RenewAsync(stoppingToken);
                }
                else
                {
                    await watchers.SkipGapsAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
