using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Tills;

public static class TillsSetup
{
    /// <summary>
    /// Enrolled tills: <see cref="TillOptions"/>, this node's credential cache, its background refresh, and the hub
    /// filter that closes a revoked till's connections.
    /// </summary>
    public static IServiceCollection AddLoyaltyTills(this IServiceCollection services)
    {
        services.AddOptions<TillOptions>().BindConfiguration(TillOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TillOptions>, TillOptionsValidator>();
        services.AddSingleton<TillCredentialCache>();
        services.AddSingleton<TillHubConnections>();
        services.Configure<HubOptions>(o => o.AddFilter<TillHubConnections>());
        services.AddSingleton<TillCredentialRefresh>();
        services.AddHostedService(sp => sp.GetRequiredService<TillCredentialRefresh>());
        return services;
    }
}
