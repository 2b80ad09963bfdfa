using Microsoft.Extensions.Options;

namespace Loyalty.Server.Identity;

/// <summary>The identifier rules' options and the orchestration of a member's identifiers.</summary>
public static class IdentitySetup
{
    public static IServiceCollection AddLoyaltyIdentity(this IServiceCollection services)
    {
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        services.AddSingleton<MemberIdentifiers>();
        return services;
    }
}
