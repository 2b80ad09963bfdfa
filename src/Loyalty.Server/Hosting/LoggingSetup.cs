using Microsoft.Extensions.Logging.Console;

namespace Loyalty.Server.Hosting;

/// <summary>
/// Logs are .NET's: levels under <c>Logging:LogLevel</c>, the console's format under <c>Logging:Console</c>. With
/// <c>Logging:Console:FormatterName</c> <c>json</c> each record is one JSON object that includes its scopes (the
/// member id and transaction id of the call, the request and trace ids) unless
/// <c>Logging:Console:FormatterOptions:IncludeScopes</c> says false; the plain formatter keeps its own default.
/// </summary>
public static class LoggingSetup
{
    public const string IncludeScopesKey = "Logging:Console:FormatterOptions:IncludeScopes";

    public static IServiceCollection AddLoyaltyLogging(this IServiceCollection services)
    {
        services.AddOptions<JsonConsoleFormatterOptions>()
            .Configure<IConfiguration>((o, configuration) => o.IncludeScopes = configuration.GetValue(IncludeScopesKey, true));
        return services;
    }
}
