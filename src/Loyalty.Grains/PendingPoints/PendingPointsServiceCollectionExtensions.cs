using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Loyalty.Grains.PendingPoints;

public static class PendingPointsServiceCollectionExtensions
{
    /// <summary>The node's release scheduler of pending points (<see cref="PendingReleaseScheduler"/>), over the storage's due-time table.</summary>
    public static IServiceCollection AddLoyaltyPendingReleases(this IServiceCollection services)
    {
        services.TryAddSingleton<PendingReleaseScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, PendingReleaseScheduler>(
            sp => sp.GetRequiredService<PendingReleaseScheduler>()));
        return services;
    }
}
