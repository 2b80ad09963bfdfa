using Loyalty.Grains.Watching;

namespace Loyalty.Server.Hubs;

public static class HubSetup
{
    public const string Path = "/hubs/loyalty";

    /// <summary>SignalR with JSON and MessagePack, and this node's watchers of members.</summary>
    public static IServiceCollection AddLoyaltyHub(this IServiceCollection services)
    {
        services.AddSignalR().AddMessagePackProtocol();
        services.AddSingleton<IMemberEventSink, SignalRMemberEventSink>();
        services.AddSingleton<Grains.Promotions.IPromotionAnnouncementSink, SignalRPromotionAnnouncementSink>();
        services.AddSingleton<MemberWatchers>();
        services.AddHostedService<MemberWatchersService>();
        return services;
    }

    public static IEndpointRouteBuilder MapLoyaltyHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<LoyaltyHub>(Path);
        return app;
    }
}
