using Loyalty.Grains.Promotions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Loyalty.Grains.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>
    /// What a node needs for the retention insights, next to the storage's read model: its copy of the member segments
    /// (the <see cref="IMemberSegments"/> of promotions) and the loop that reloads it and keeps the cluster's projector
    /// grain running. The silo also needs a reminder service, for the projector's reminder.
    /// </summary>
    public static IServiceCollection AddLoyaltyInsights(this IServiceCollection services)
    {
        services.AddOptions<Domain.Insights.InsightsOptions>();
        services.TryAddSingleton<InsightsSegments>();
        services.Replace(ServiceDescriptor.Singleton<IMemberSegments>(sp => sp.GetRequiredService<InsightsSegments>()));
        services.TryAddSingleton<InsightsSegmentsRefresher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, InsightsSegmentsRefresher>(
            sp => sp.GetRequiredService<InsightsSegmentsRefresher>()));
        return services;
    }
}
