using Loyalty.Grains.Watching;
using Loyalty.Server.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace Loyalty.Server.Hubs;

public static class HubSetup
{
    public const string Path = "/hubs/loyalty";

    /// <summary>Largest message a client may send (a <c>Watch</c> is well under 100 bytes); a larger one closes the connection.</summary>
    public const int MaxReceiveMessageBytes = 32 * 1024;

    /// <summary>SignalR with JSON and MessagePack, and this node's watchers of members.</summary>
    public static IServiceCollection AddLoyaltyHub(this IServiceCollection services)
    {
        services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = MaxReceiveMessageBytes;
            o.AddFilter<HubCallLimitFilter>();
        }).AddMessagePackProtocol();
        services.AddSingleton<IMemberEventSink, SignalRMemberEventSink>();
        services.AddSingleton<Grains.Promotions.IPromotionAnnouncementSink, SignalRPromotionAnnouncementSink>();
        services.AddSingleton<MemberWatchers>();
        services.AddHostedService<MemberWatchersService>();
        return services;
    }

    public static IEndpointRouteBuilder MapLoyaltyHub(this IEndpointRouteBuilder app)
    {
        // A connection opened with a member token is closed when that token expires; the app reconnects with a fresh one.
        app.MapHub<LoyaltyHub>(Path, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
