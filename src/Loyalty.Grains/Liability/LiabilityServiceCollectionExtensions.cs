using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Loyalty.Grains.Liability;

public static class LiabilityServiceCollectionExtensions
{
    /// <summary>The node's loop that keeps the points liability counters, next to the storage's projector.</summary>
    public static IServiceCollection AddLoyaltyLiability(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, LiabilityProjectorLoop>());
        return services;
    }
}
