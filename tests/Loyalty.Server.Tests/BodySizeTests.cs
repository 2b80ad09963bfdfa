using System.Net;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;

namespace Loyalty.Server.Tests;

/// <summary>
/// Size limits: every call that takes a body refuses one over 1 MiB with 413; oversized headers are refused; a hub
/// message over the hub's limit closes its connection.
/// </summary>
public sealed class BodySizeTests(EngineFixture engine, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("POST", "purchases")]
    [InlineData("POST", "redemptions")]
    [InlineData("POST", "refunds")]
    [InlineData("PUT", "")]
    public async Task A_body_over_the_limit_is_refused_with_413_problem_details_and_changes_nothing(string method, string call)
    {
        var till = engine.Host.Till();
        var id = Api.NewMemberId();
        await (await till.Enrol(id)).Json(HttpStatusCode.Created);
        var before = await till.AccountText(id);
        var body = "{\"transactionId\":\"T-1\",\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";

        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/members/{id}/{call}".TrimEnd('/'))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        var response = await till.SendAsync(request);

        var problem = await response.Json(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:loyalty:problem:malformed-request", (string?)problem["type"]);
        Assert.Equal(before, await till.AccountText(id));
    }

    [Fact]
    public async Task Headers_over_the_limit_are_refused_and_the_engine_goes_on()
    {
        var till = engine.Host.Till();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/members/{Api.NewMemberId()}");
        request.Headers.Add("X-Padding", new string('x', 40 * 1024));

        var response = await till.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await till.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_request_line_over_the_limit_is_refused_with_414()
    {
        var response = await engine.Host.Till().GetAsync($"/api/members/{Api.NewMemberId()}?padding={new string('x', 10 * 1024)}");

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Fact]
    public async Task A_hub_message_over_32_KB_closes_that_connection_only()
    {
        var id = Api.NewMemberId();
        await engine.Host.Till().Enrol(id);
        await using var hostile = Watcher.Create(engine.Host, apiKey: EngineHost.TillKey);
        await using var other = Watcher.Create(engine.Host, apiKey: EngineHost.TillKey);
        await hostile.StartAsync();
        await other.StartAsync();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var closed = await Assert.ThrowsAnyAsync<Exception>(() => hostile.WatchAsync(new string('x', 40 * 1024)));
        output.WriteLine($"{closed.GetType().Name} after {clock.ElapsedMilliseconds} ms: {closed.Message}");

        await Watcher.Until(() => hostile.Connection.State == HubConnectionState.Disconnected);
        Assert.Equal(id, (await other.WatchAsync(id)).MemberId);
    }
}
