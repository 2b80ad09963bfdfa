using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Loyalty.Server.Tests;

/// <summary>The operations calls of <c>/api/tills</c> as the tests make them.</summary>
internal static class Tills
{
    public static HttpClient Operations(this EngineHost host) => host.Client(EngineHost.OperationsKey);

    /// <summary>Enrols a till; its id and its key.</summary>
    public static async Task<(string TillId, string Key)> EnrolTill(this EngineHost host, string name = "Counter 1", string storeId = "S-01")
    {
        var body = await (await host.Operations().PostAsJsonAsync("/api/tills", new { name, storeId })).Json(HttpStatusCode.Created);
        return ((string)body["tillId"]!, (string)body["key"]!);
    }

    public static async Task<HttpStatusCode> Revoke(this EngineHost host, string tillId) =>
        (await host.Operations().DeleteAsync($"/api/tills/{tillId}")).StatusCode;

    public static async Task<JsonNode> StartSession(this EngineHost host, string key) =>
        await (await host.Client(key).PostAsync("/api/tills/sessions", null)).Json(HttpStatusCode.Created);

    /// <summary>The status of an account read with <paramref name="credential"/>: 404 for an unknown member once signed in.</summary>
    public static async Task<HttpStatusCode> SignInStatus(this EngineHost host, string credential) =>
        (await host.Client(credential).GetAsync($"/api/members/{Api.NewMemberId()}")).StatusCode;

    /// <summary>Polls (every 50 ms, for at most <paramref name="within"/>) until the credential is refused; how long that took.</summary>
    public static async Task<TimeSpan> UntilRefused(this EngineHost host, string credential, TimeSpan within)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (await host.SignInStatus(credential) != HttpStatusCode.Unauthorized)
        {
            Assert.True(started.Elapsed < within, $"The credential was still accepted after {started.Elapsed.TotalSeconds:0.0} s.");
            await Task.Delay(50);
        }
        return started.Elapsed;
    }
}
