using System.Reflection;

namespace Loyalty.Server.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiting middleware, with the limiter it makes for endpoint policies disposed when the host stops.
/// The middleware never disposes that limiter (dotnet/aspnetcore#66434, open in ASP.NET Core 10): the limiter's heartbeat
/// timer then keeps the middleware, the request pipeline and the host's services, silo included, reachable for as long
/// as the process lives. An engine alone in its process does not notice; a process that starts and stops many engines
/// (the server tests start about a hundred) keeps every one of them and spends its time collecting garbage over them.
/// </summary>
public static class RateLimiterMiddleware
{
    public static IApplicationBuilder UseLoyaltyRateLimiter(this IApplicationBuilder app)
    {
        var stopped = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped;
        return app.Use(next =>
        {
            var branch = app.New();
            branch.UseRateLimiter();
            branch.Run(next);
            var limited = branch.Build();
            if (EndpointLimiter(limited.Target) is { } limiter)
                stopped.Register(limiter.Dispose);
            return limited;
        });
    }

    /// <summary>The middleware's endpoint limiter, or null if a later ASP.NET Core keeps it elsewhere (or disposes it).</summary>
    internal static IDisposable? EndpointLimiter(object? middleware) =>
        middleware?.GetType().GetField("_endpointLimiter", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(middleware) as IDisposable;
}
