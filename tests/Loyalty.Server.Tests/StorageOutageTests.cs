using System.Diagnostics;
using System.Net;
using Loyalty.Testing;
using Xunit.Abstractions;
using Loyalty.Server.Tests.Testing;

namespace Loyalty.Server.Tests;

/// <summary>
/// The engine on a real PostgreSQL server that goes away and comes back: what was acknowledged stays, what is asked
/// meanwhile is refused quickly with a 503 the till may retry, and the engine recovers by itself, without a restart.
/// </summary>
[WaitsAtLength]
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>How long a refusal may take while the database is down: a behaviour bound, not a performance figure.</summary>
    private static readonly TimeSpan RefusalBound = TimeSpan.FromSeconds(5);

    /// <summary>How long the engine may take to serve again once the database is back.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    private const int Members = 8;

    private PostgreSqlServer _server = null!;
    private EngineHost? _host;

    /// <summary>How long a refusal may take while the database hangs: the call timeout configured below, and slack.</summary>
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(10);

    public async Task InitializeAsync() => _server = await PostgreSqlServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    private EngineHost Engine(Dictionary<string, string>? storage = null, Dictionary<string, string>? settings = null)
    {
        storage ??= [];
        storage["Provider"] = "PostgreSql";
        storage["ConnectionString"] = _server.ConnectionString;
        return _host = new EngineHost(storage, settings);
    }

    [Fact]
    public async Task An_outage_is_refused_quickly_with_503_and_the_engine_recovers_by_itself()
    {
        var till = Engine().Till();
        var ids = Enumerable.Range(0, Members).Select(_ => Api.NewMemberId()).ToArray();
        foreach (var id in ids)
            await (await till.Enrol(id)).Json(HttpStatusCode.Created);
        // Concurrent sales, so that the pool holds several connections when the server goes away.
        await Task.WhenAll(ids.Select(async id => await (await till.Purchase(id, Api.Sale("T-1", "BOOK", "books", 1, 10m))).Json()));

        await _server.StopAsync();

        // Only two members are asked during the outage: the pool keeps connections that no call has found broken yet.
        foreach (var id in ids.Take(2))
        {
            var clock = Stopwatch.StartNew();
            var refused = await till.Purchase(id, Api.Sale("T-2", "BOOK", "books", 1, 20m));
            output.WriteLine($"refused in {clock.ElapsedMilliseconds} ms");
            await AssertStorageUnavailable(refused, clock.Elapsed);
        }
        var unknown = Stopwatch.StartNew();
        await AssertStorageUnavailable(await till.Purchase(Api.NewMemberId(), Api.Sale("T-1", "BOOK", "books", 1, 10m)), unknown.Elapsed);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await till.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await till.GetAsync("/health/live")).StatusCode);

        await _server.RestartAsync();
        var recovery = Stopwatch.StartNew();

        // The first calls after the restart, on every member: a retry of a refused sale (same transaction id) or a new
        // sale; each is awarded once.
        var retried = await Task.WhenAll(ids.Select(id => till.Purchase(id, Api.Sale("T-2", "BOOK", "books", 1, 20m))));
        output.WriteLine($"first calls after the restart answered in {recovery.ElapsedMilliseconds} ms: " +
                         string.Join(", ", retried.Select(r => (int)r.StatusCode)));
        foreach (var response in retried)
        {
            var outcome = await response.Json();
            Assert.False((bool)outcome["duplicate"]!);
            Assert.Equal(30, (int)outcome["balance"]!);
        }
        Assert.Equal(HttpStatusCode.OK, (await till.GetAsync("/health/ready")).StatusCode);
        Assert.True(recovery.Elapsed < RecoveryBound, $"Recovered only after {recovery.Elapsed}.");

        foreach (var id in ids)
        {
            var replay = await (await till.Purchase(id, Api.Sale("T-2", "BOOK", "books", 1, 20m))).Json();
            Assert.True((bool)replay["duplicate"]!);
            Assert.Equal(30, (int)(await till.Account(id))["points"]!);
            var transactions = (await till.Activity(id)).Select(e => (string?)e!["transactionId"]).ToArray();
            Assert.Equal(1, transactions.Count(t => t == "T-1"));
            Assert.Equal(1, transactions.Count(t => t == "T-2"));
        }
    }

    [Fact]
    public async Task A_database_that_stops_answering_is_given_up_on_in_bounded_time_and_a_retry_is_awarded_once()
    {
        // Short timeouts, so that the test is quick: connect 2 s, command 2 s (with Npgsql's 2 s wait for the
        // cancellation, a storage operation gives up within 6 s), and a grain call at most 8 s.
        var till = Engine(
            new Dictionary<string, string> { ["ConnectTimeoutSeconds"] = "2", ["CommandTimeoutSeconds"] = "2" },
            new Dictionary<string, string> { ["Loyalty:Cluster:CallTimeoutSeconds"] = "8" }).Till();
        var id = Api.NewMemberId();
        await (await till.Enrol(id)).Json(HttpStatusCode.Created);
        await (await till.Purchase(id, Api.Sale("T-1", "BOOK", "books", 1, 10m))).Json();

        await _server.PauseAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            var refused = await till.Purchase(id, Api.Sale("T-2", "BOOK", "books", 1, 20m));
            output.WriteLine($"refused in {clock.ElapsedMilliseconds} ms while the database hung");
            var problem = await AssertStorageUnavailable(refused, clock.Elapsed, HangBound);
            Assert.Contains("may not have been made", (string?)problem["detail"]);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await till.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await till.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await _server.ResumeAsync();
        }

        // The refused write may yet land once the server thaws: the till retries, as told, until it has an answer.
        var recovery = Stopwatch.StartNew();
        HttpResponseMessage retried;
        while ((retried = await till.Purchase(id, Api.Sale("T-2", "BOOK", "books", 1, 20m))).StatusCode == HttpStatusCode.ServiceUnavailable
               && recovery.Elapsed < RecoveryBound)
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        output.WriteLine($"answered {(int)retried.StatusCode} {recovery.ElapsedMilliseconds} ms after the server thawed");
        Assert.Equal(30, (int)(await retried.Json())["balance"]!);
        Assert.True((bool)(await (await till.Purchase(id, Api.Sale("T-2", "BOOK", "books", 1, 20m))).Json())["duplicate"]!);
        Assert.Equal(30, (int)(await till.Account(id))["points"]!);
        Assert.Single(await till.Activity(id), e => (string?)e!["transactionId"] == "T-2");
    }

    [Fact]
    public async Task A_node_started_while_its_database_is_down_waits_for_it_and_then_serves()
    {
        await _server.StopAsync();
        var engine = Engine(settings: new Dictionary<string, string> { ["Loyalty:Storage:StartupWaitSeconds"] = "60" });
        // The host starts on another thread: the test starts the database a little later, as an operator would.
        var starting = Task.Run(engine.Till);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(starting.IsCompleted, "The node came up without its database.");
        await _server.RestartAsync();

        var till = await starting.WaitAsync(TimeSpan.FromSeconds(60));
        var id = Api.NewMemberId();
        await (await till.Enrol(id)).Json(HttpStatusCode.Created);
        Assert.Equal(10, (int)(await (await till.Purchase(id, Api.Sale("T-1", "BOOK", "books", 1, 10m))).Json())["balance"]!);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> AssertStorageUnavailable(HttpResponseMessage response, TimeSpan took, TimeSpan? bound = null)
    {
        var problem = await response.Json(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("urn:loyalty:problem:storage-unavailable", (string?)problem["type"]);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta is { } delay && delay > TimeSpan.Zero, "A 503 says when to retry.");
        Assert.True(took < (bound ?? RefusalBound), $"Refused only after {took}.");
        return problem;
    }
}
