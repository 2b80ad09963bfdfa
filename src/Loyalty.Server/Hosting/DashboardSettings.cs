using Loyalty.Server.Auth;
using Orleans.Dashboard;

namespace Loyalty.Server.Hosting;

/// <summary>
/// The Orleans dashboard, off unless <c>Loyalty:Dashboard:Enabled</c> is true; then it is served under
/// <see cref="Path"/> to callers with an <c>operations</c> API key (the key as an HTTP Basic password, so that a
/// browser can open it). It has no authentication of its own. Read while the host is built: it adds call filters to
/// the silo that cost a little on every grain call.
/// </summary>
public static class DashboardSettings
{
    public const string EnabledKey = "Loyalty:Dashboard:Enabled";
    public const string Path = "/dashboard";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, false);

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
            app.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(Policies.Operations).ExcludeFromDescription();
        return app;
    }
}
