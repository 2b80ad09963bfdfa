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
        // A singleton, so that the container disposes it (and its heartbeat timer) when the host stops.
        services.AddSingleton(sp => PartitionedRateLimiter.Create<HttpContext, Caller>(sp.GetRequiredService<CallerPartitioner>().Partition));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<PartitionedRateLimiter<HttpContext>>((o, limiter) =>
        {
            o.GlobalLimiter = limiter;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitRejection.WriteAsync;
        });
        return services;
    }
}
