using Microsoft.Extensions.Options;

namespace Loyalty.Server.Tills;

public static class TillsSetup
{
    /// <summary>Enrolled tills: <see cref="TillOptions"/>, this node's credential cache and its background refresh.</summary>
    public static IServiceCollection AddLoyaltyTills(this IServiceCollection services)
    {
        services.AddOptions<TillOptions>().BindConfiguration(TillOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TillOptions>, TillOptionsValidator>();
        services.AddSingleton<TillCredentialCache>();
        services.AddSingleton<TillCredentialRefresh>();
        services.AddHostedService(sp => sp.GetRequiredService<TillCredentialRefresh>());
        return services;
    }
}
