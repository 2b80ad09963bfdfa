using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;

namespace Loyalty.Grains.Promotions;

public static class PromotionServiceCollectionExtensions
{
    /// <summary>
    /// What a node needs for promotions: its catalogue cache and the loop that refreshes it, its share of the
    /// budgets, and the announcer. A host replaces <see cref="IPromotionAnnouncementSink"/> to reach its watchers, and
    /// adds <see cref="Insights.InsightsServiceCollectionExtensions.AddLoyaltyInsights"/> for the members' segments.
    /// </summary>
    public static IServiceCollection AddLoyaltyPromotions(this IServiceCollection services)
    {
        services.TryAddSingleton<IPromotionAnnouncementSink, NoPromotionAnnouncements>();
        services.TryAddSingleton<PromotionBudgetReservations>();
        services.TryAddSingleton<PromotionCatalogueCache>();
        services.TryAddSingleton<PromotionAnnouncer>();
        services.TryAddSingleton<MemberPromotions>();
        services.TryAddSingleton<PromotionCatalogueRefresher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, PromotionCatalogueRefresher>(
            sp => sp.GetRequiredService<PromotionCatalogueRefresher>()));
        return services;
    }
}
