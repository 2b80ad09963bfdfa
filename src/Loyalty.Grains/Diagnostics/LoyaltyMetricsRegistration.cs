using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Loyalty.Grains.Diagnostics;

public static class LoyaltyMetricsRegistration
{
    /// <summary>The engine's instruments (<see cref="LoyaltyMetrics"/>), which the member grains and watchers record to.</summary>
    public static IServiceCollection AddLoyaltyMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<LoyaltyMetrics>();
        return services;
    }
}
