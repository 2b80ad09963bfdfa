namespace Loyalty.Server.Hubs;

/// <summary>
/// Once the engine has begun to stop, new hub connections are turned away with 503, so that clients reconnecting at
/// once (to another node, or to this one when it is back) cannot hold the shutdown up.
/// </summary>
public static class StoppingGuard
{
    public static IApplicationBuilder UseHubStoppingGuard(this IApplicationBuilder app)
    {
        var lifetime = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>();
        return app.Use((context, next) =>
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested && context.Request.Path.StartsWithSegments(HubSetup.Path))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "2";
                return Task.CompletedTask;
            }
            return next(context);
        });
    }
}
