using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Loyalty.Server.Tests;

/// <summary>
/// The Orleans dashboard is off unless configured, and then open to operations keys only; its views of member data (the
/// live trace of the node's logs, a grain's state) are off unless configured on too.
/// </summary>
public sealed class DashboardTests(DashboardTests.DashboardEngineFixture engine, DashboardTests.MemberDataViewsEngineFixture withViews)
    : IClassFixture<DashboardTests.DashboardEngineFixture>, IClassFixture<DashboardTests.MemberDataViewsEngineFixture>
{
    /// <summary>An engine with <c>Loyalty:Dashboard:Enabled</c> true.</summary>
    public sealed class DashboardEngineFixture : EngineFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["Loyalty:Dashboard:Enabled"] = "true" };
    }

    /// <summary>An engine whose dashboard also shows the trace and grain state views.</summary>
    public sealed class MemberDataViewsEngineFixture : EngineFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Loyalty:Dashboard:Enabled"] = "true",
            ["Loyalty:Dashboard:ShowTrace"] = "true",
            ["Loyalty:Dashboard:ShowGrainState"] = "true",
        };
    }

    private const string Page = "/dashboard/";

    [Fact]
    public async Task Without_the_setting_there_is_no_dashboard()
    {
        var folder = Path.Combine(Path.GetTempPath(), "loyalty-dashboard-off-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var host = new EngineHost(new Dictionary<string, string>
            {
                ["Provider"] = "Sqlite",
                ["ConnectionString"] = $"Data Source={Path.Combine(folder, "loyalty.db")}",
            });
            var response = await Basic(host, EngineHost.OperationsKey).GetAsync(Page);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Without_credentials_the_browser_is_asked_for_them()
    {
        var response = await engine.Host.Client(null).GetAsync(Page);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Contains("realm=", challenge.Parameter);
    }

    [Fact]
    public async Task A_wrong_key_is_asked_again()
    {
        var response = await Basic(engine.Host, "not-a-configured-key").GetAsync(Page);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Theory]
    [InlineData(EngineHost.TillKey)]
    [InlineData(EngineHost.MarketingKey)]
    public async Task Till_and_marketing_keys_are_forbidden(string key)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Basic(engine.Host, key).GetAsync(Page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.Client(key).GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task An_operations_key_opens_the_dashboard_as_a_password_or_as_the_api_key_header()
    {
        var page = await Basic(engine.Host, EngineHost.OperationsKey).GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.OK, (await engine.Host.Client(EngineHost.OperationsKey).GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task An_operations_key_reads_no_member_data()
    {
        var id = Api.NewMemberId();
        await engine.Host.Till().Enrol(id);
        var operations = engine.Host.Client(EngineHost.OperationsKey);

        Assert.Equal(HttpStatusCode.Forbidden, (await operations.GetAsync($"/api/members/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await operations.Purchase(id, Api.Sale("T-1", "X", "food", 1, 10m))).StatusCode);
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic bm8tY29sb24=")]          // "no-colon"
    [InlineData("Basic //79/Q==")]             // not UTF-8
    public async Task Malformed_basic_credentials_are_a_401_not_an_error(string header)
    {
        var client = engine.Host.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Page);
        request.Headers.TryAddWithoutValidation("Authorization", header);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("Trace")]
    [InlineData("trace")]
    [InlineData("GrainState")]
    [InlineData("grainstate")]
    public async Task The_views_of_member_data_are_off_by_default_even_to_an_operations_key(string view)
    {
        var id = Api.NewMemberId();
        await (await engine.Host.Till().Enrol(id)).Json(HttpStatusCode.Created);

        using var response = await Open(engine.Host, view, id);

        var problem = await response.Problem(HttpStatusCode.NotFound);
        Assert.Equal("urn:loyalty:problem:not-found", (string)problem["type"]!);
        Assert.Contains(view.Equals("trace", StringComparison.OrdinalIgnoreCase) ? "Loyalty:Dashboard:ShowTrace" : "Loyalty:Dashboard:ShowGrainState",
            (string)problem["detail"]!);
        Assert.Equal(HttpStatusCode.OK, (await Basic(engine.Host, EngineHost.OperationsKey).GetAsync("/dashboard/ClusterStats")).StatusCode);
    }

    [Fact]
    public async Task Configured_on_the_views_of_member_data_are_served_to_an_operations_key_only()
    {
        var id = Api.NewMemberId();
        await (await withViews.Host.Till().Enrol(id)).Json(HttpStatusCode.Created);

        using var trace = await Open(withViews.Host, "Trace", id);
        Assert.Equal(HttpStatusCode.OK, trace.StatusCode);
        using var state = await Open(withViews.Host, "GrainState", id);
        Assert.Equal(HttpStatusCode.OK, state.StatusCode);
        Assert.Equal("application/json", state.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await Basic(withViews.Host, EngineHost.TillKey).GetAsync("/dashboard/GrainState")).StatusCode);
    }

    /// <summary>Opens a dashboard view as an operations key, reading the headers only: the trace streams for an hour.</summary>
    private static Task<HttpResponseMessage> Open(EngineHost host, string view, string memberId) =>
        Basic(host, EngineHost.OperationsKey).GetAsync(
            $"/dashboard/{view}?grainId={memberId}&grainType={typeof(Loyalty.Grains.MemberGrain).FullName}", HttpCompletionOption.ResponseHeadersRead);

    private static HttpClient Basic(EngineHost host, string key)
    {
        var client = host.Client(null);
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + key)));
        return client;
    }
}
