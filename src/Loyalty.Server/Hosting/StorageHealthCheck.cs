using Loyalty.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Loyalty.Server.Hosting;

/// <summary>Readiness: the database answers within two seconds.</summary>
public sealed class StorageHealthCheck(ILoyaltyDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await database.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{database.Provider} storage answers.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} storage does not answer.", ex);
        }
    }
}
