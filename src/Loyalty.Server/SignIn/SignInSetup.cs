using System.Threading.RateLimiting;
using Loyalty.Domain.SignIn;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.SignIn;

public static class SignInSetup
{
    /// <summary>The rate limit policy of code requests: <see cref="SignInOptions.CodeRequestsPerAddress"/> per remote address.</summary>
    public const string CodeRequestsPolicy = "sign-in-codes";

    /// <summary>
    /// Passwordless sign-in: options (validated at start), the e-mail sender, the outbox and its delivery, the signing
    /// key (loaded at start, after the silo), the token issuer and the flows. Register after the silo.
    /// </summary>
    public static IServiceCollection AddLoyaltySignIn(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SignInOptions>().Bind(config.GetSection(SignInOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInOptions>, SignInOptionsValidator>();
        services.AddOptions<SmtpOptions>().Bind(config.GetSection(SmtpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton<ISignInCodeSender, SmtpSignInCodeSender>();
        services.AddSingleton<SignInCodeOutbox>();
        services.AddHostedService<SignInCodeDelivery>();
        services.AddSingleton<EngineSigningKey>();
        services.AddHostedService(sp => sp.GetRequiredService<EngineSigningKey>());
        services.AddSingleton<MemberTokens>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SignInFlow>(sp)); // needs IIdentifierStore, which storage registers
        services.AddSingleton<RefreshFlow>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInOptions>>((o, signIn) =>
            o.AddPolicy(CodeRequestsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = signIn.Value.CodeRequestsPerAddress,
                    Window = SignInLimits.Window,
                    QueueLimit = 0,
                })));
        return services;
    }
}
