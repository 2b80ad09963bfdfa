using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.RateLimiting;

/// <summary>ASP.NET Core's rate limiter, one token bucket per caller (<see cref="CallerPartitioner"/>).</summary>
public static class RateLimitSetup
{
    public static IServiceCollection AddLoyaltyRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<CallerPartitioner>();
        services.AddSingleton<HubCallLimitFilter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<CallerPartitioner>((o, callers) =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Caller>(callers.Partition);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitRejection.WriteAsync;
        });
        return services;
    }
}
