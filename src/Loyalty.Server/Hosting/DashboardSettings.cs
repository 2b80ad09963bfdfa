using Loyalty.Server.Apis;
using Loyalty.Server.Auth;
using Orleans.Dashboard;

namespace Loyalty.Server.Hosting;

/// <summary>
/// The Orleans dashboard, off unless <c>Loyalty:Dashboard:Enabled</c> is true; then it is served under
/// <see cref="Path"/> to callers with an <c>operations</c> API key (the key as an HTTP Basic password, so that a
/// browser can open it). It has no authentication of its own. Read while the host is built: it adds call filters to
/// the silo that cost a little on every grain call.
/// Two of its views reach member data, and are hidden unless configured on: the live trace (the node's logs, member
/// ids included; <c>Loyalty:Dashboard:ShowTrace</c>) and a grain's state (it activates the grain of any id asked and
/// calls its methods that return the stored state; <c>Loyalty:Dashboard:ShowGrainState</c>). Hidden, their paths
/// answer 404 problem details.
/// </summary>
public static class DashboardSettings
{
    public const string EnabledKey = "Loyalty:Dashboard:Enabled";
    public const string ShowTraceKey = "Loyalty:Dashboard:ShowTrace";
    public const string ShowGrainStateKey = "Loyalty:Dashboard:ShowGrainState";
    public const string Path = "/dashboard";

    /// <summary>The dashboard's routes of the views that reach member data, each with the setting that shows it.</summary>
    private static readonly (string Route, string Setting)[] MemberDataViews = [("/Trace", ShowTraceKey), ("/GrainState", ShowGrainStateKey)];

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, false);

    private static bool Shows(IConfiguration configuration, string setting) => configuration.GetValue(setting, false);

    /// <summary>Adds the dashboard's services to the silo, its trace off unless configured on.</summary>
    public static ISiloBuilder AddLoyaltyDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.AddDashboard(o => o.HideTrace = !Shows(configuration, ShowTraceKey));

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
            return app;
        var hidden = MemberDataViews.Where(v => !Shows(configuration, v.Setting)).ToArray();
        app.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(Policies.Operations).ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                // The route, not the request path: routes match whatever the case of the path.
                var route = (context.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                var view = hidden.FirstOrDefault(v => route?.EndsWith(v.Route, StringComparison.Ordinal) == true);
                return view.Route is null
                    ? await next(context)
                    : TypedResults.Problem($"This dashboard view reaches member data and is off: set {view.Setting} to true to show it.",
                        statusCode: StatusCodes.Status404NotFound, title: "Dashboard view off", type: Problems.NotFound);
            });
        return app;
    }
}
