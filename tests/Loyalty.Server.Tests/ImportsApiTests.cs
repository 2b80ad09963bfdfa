using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Loyalty.Server.Tests;

/// <summary>
/// Imports over HTTP: members with an opening balance, then their historical sales (older than the transaction window),
/// which count for the tier and may be refunded; the same files sent again change nothing; hostile lines are refused
/// line by line with their number and field. Dates are relative to the engine's clock, with margins that hold at any instant.
/// </summary>
public abstract class ImportsApiTests<TFixture>(TFixture engine) where TFixture : EngineFixture
{
    [Fact]
    public async Task Members_and_their_sales_import_and_the_same_files_sent_again_change_nothing()
    {
        var operations = engine.Host.Client(EngineHost.OperationsKey);
        var (a, b) = (Api.NewMemberId(), Api.NewMemberId());
        var members = Imports.Ndjson(
            new { memberId = a, name = "Ada Import", email = Api.EmailOf(a), points = 500, pointsExpireOn = Imports.Day(200) },
            new { memberId = b, name = "Bob Import", phone = "+44 7400 " + Random.Shared.Next(100_000, 999_999) });
        var sales = Imports.Ndjson(
            Imports.Sale(a, "H-1", -400, ("MUG", "home", 2, 10m)),
            Imports.Sale(a, "H-2", -100, ("KETTLE", "home", 1, 900m)),
            Imports.Sale(a, "H-3", -10, ("KETTLE", "home", 1, 200m)),
            Imports.Sale(b, "H-1", -45, ("TEA", "grocery", 3, 4.5m)));

        var first = await operations.ImportAndWait("members", members, Imports.NdjsonType);
        Assert.True(Imports.Counts(first) == ("done", 2L, 2L, 0L, 0L), first.ToJsonString());
        var second = await operations.ImportAndWait("sales", sales, Imports.NdjsonType);
        Assert.Equal(("done", 4L, 4L, 0L, 0L), Imports.Counts(second));

        var till = engine.Host.Till();
        var account = await till.Account(a);
        Assert.Equal(500L, (long)account["points"]!); // the opening balance; imported sales award no points unless asked
        Assert.Equal(1120m, (decimal)account["lifetimeSpend"]!);
        Assert.Equal(1100m, (decimal)account["tierProgress"]!["qualifyingSpend12m"]!); // the sale of 400 days ago is outside the 12 months
        var activity = await till.Activity(a);
        Assert.Equal(3, activity.Count(e => (string?)e!["kind"] == "purchase"));
        Assert.Single(activity, e => (string?)e!["kind"] == "opening-balance");
        var accountsBefore = (await till.AccountText(a), await till.AccountText(b));

        var again = await operations.ImportAndWait("members", members, Imports.NdjsonType);
        Assert.Equal(("done", 2L, 0L, 2L, 0L), Imports.Counts(again));
        var salesAgain = await operations.ImportAndWait("sales", sales, Imports.NdjsonType);
        Assert.Equal(("done", 4L, 0L, 4L, 0L), Imports.Counts(salesAgain));
        Assert.Equal(accountsBefore, (await till.AccountText(a), await till.AccountText(b)));
        Assert.Equal(activity.Count, (await till.Activity(a)).Count);

        // An imported sale inside the refund window is refunded like a till's.
        var refund = await till.Refund(a, new { transactionId = "R-1", originalTransactionId = "H-3", lines = new[] { new { sku = "KETTLE", quantity = 1 } } });
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal(920m, (decimal)(await till.Account(a))["lifetimeSpend"]!);
    }

    [Fact]
    public async Task An_erased_member_is_not_brought_back_by_an_import_its_lines_are_refused()
    {
        var operations = engine.Host.Client(EngineHost.OperationsKey);
        var id = Api.NewMemberId();
        await operations.ImportAndWait("members", Imports.Ndjson(new { memberId = id, name = "Erin Erased" }), Imports.NdjsonType);
        Assert.Equal(HttpStatusCode.OK, (await engine.Host.Support().DeleteAsync($"/api/members/{id}")).StatusCode);

        var members = await operations.ImportAndWait("members", Imports.Ndjson(new { memberId = id, name = "Erin Erased" }), Imports.NdjsonType);
        var sales = await operations.ImportAndWait("sales", Imports.Ndjson(Imports.Sale(id, "E-1", -20, ("MUG", "home", 1, 25m))), Imports.NdjsonType);

        Assert.Equal(("done", 1L, 0L, 0L, 1L), Imports.Counts(members));
        Assert.Equal(("done", 1L, 0L, 0L, 1L), Imports.Counts(sales));
        Assert.All(new[] { members, sales }, s => Assert.Equal("memberId", (string?)s["errors"]![0]!["field"]));
        Assert.Equal(HttpStatusCode.Gone, (await engine.Host.Support().GetAsync($"/api/members/{id}")).StatusCode);
    }

    [Fact]
    public async Task Sales_award_points_only_when_asked()
    {
        var operations = engine.Host.Client(EngineHost.OperationsKey);
        var id = Api.NewMemberId();
        await operations.ImportAndWait("members", Imports.Ndjson(new { memberId = id, name = "Cy" }), Imports.NdjsonType);
        var status = await operations.ImportAndWait("sales?awardPoints=true", Imports.Ndjson(Imports.Sale(id, "P-1", -20, ("MUG", "home", 1, 25m))),
            Imports.NdjsonType);
        Assert.Equal(("done", 1L, 1L, 0L, 0L), Imports.Counts(status));
        Assert.True((long)(await engine.Host.Till().Account(id))["points"]! > 0);
    }

    [Fact]
    public async Task Hostile_sales_lines_are_refused_one_by_one_with_their_line_and_field_and_the_others_are_applied()
    {
        var operations = engine.Host.Client(EngineHost.OperationsKey);
        var id = Api.NewMemberId();
        await operations.ImportAndWait("members", Imports.Ndjson(new { memberId = id, name = "Dee" }), Imports.NdjsonType);
        var csv = new StringBuilder("memberId,transactionId,occurredAt,storeId,sku,category,quantity,unitPrice\n")
            .Append(CultureInfo.InvariantCulture, $"{id},C-1,{Imports.Time(-30)},S-1,MUG,home,1,10.00\n")       // 2: accepted
            .Append(CultureInfo.InvariantCulture, $"{id},C-1,{Imports.Time(-30)},S-1,TEA,grocery,2,3.50\n")     // 3: same sale
            .Append(CultureInfo.InvariantCulture, $"{id},C-2,{Imports.Time(+3)},S-1,MUG,home,1,10.00\n")        // 4: future
            .Append(CultureInfo.InvariantCulture, $"{id},C-3,{Imports.Time(-4 * 366)},S-1,MUG,home,1,10.00\n")  // 5: too old
            .Append(CultureInfo.InvariantCulture, $"{id},C-4,yesterday,S-1,MUG,home,1,10.00\n")                 // 6: malformed
            .Append(CultureInfo.InvariantCulture, $"M-nobody-{id},C-5,{Imports.Time(-5)},S-1,MUG,home,1,1\n")   // 7: unknown member
            .Append(CultureInfo.InvariantCulture, $"{id},C-1,{Imports.Time(-30)},S-1,MUG,home,1,10.00\n")       // 8: duplicate id
            .Append(CultureInfo.InvariantCulture, $"{id},C-6,{Imports.Time(-5)},S-1,{new string('X', 70_000)},home,1,1\n") // 9: huge
            .Append(CultureInfo.InvariantCulture, $"{id},C-7,{Imports.Time(-5)},S-1,MUG,home,-1,10.00\n")       // 10: bad quantity
            .Append(CultureInfo.InvariantCulture, $"{id},C-8,{Imports.Time(-5)},S-1,MUG,home,1,10.00\n");      // 11: accepted

        var status = await operations.ImportAndWait("sales", csv.ToString(), Imports.CsvType);

        Assert.Equal(("done", 11L, 2L, 0L, 7L), Imports.Counts(status));
        var errors = status["errors"]!.AsArray().Select(e => ((long)e!["line"]!, (string)e["field"]!)).ToArray();
        Assert.Equal([(4L, "occurredAt"), (5L, "occurredAt"), (6L, "occurredAt"), (7L, "memberId"), (8L, "transactionId"), (9L, "line"),
            (10L, "lines[0].quantity")], errors);
        var activity = await engine.Host.Till().Activity(id);
        Assert.Equal(["C-1", "C-8"], activity.Where(e => (string?)e!["kind"] == "purchase").Select(e => (string)e!["transactionId"]!).Order());
    }

    [Fact]
    public async Task A_dry_run_reports_every_error_and_changes_nothing()
    {
        var operations = engine.Host.Client(EngineHost.OperationsKey);
        var id = Api.NewMemberId();
        var members = "memberId,name,email,points\n" + $"{id},Eve,{Api.EmailOf(id)},40\n" + "M-bad id,Eve,not-an-email,1\n" + $"{Api.NewMemberId()},Fay,x@,1\n";

        var status = await operations.ImportAndWait("members?dryRun=true", members, Imports.CsvType);

        Assert.Equal(("done", 4L, 1L, 0L, 2L), Imports.Counts(status));
        Assert.True((bool)status["dryRun"]!);
        Assert.Equal([(3L, "memberId"), (4L, "email")], status["errors"]!.AsArray().Select(e => ((long)e!["line"]!, (string)e["field"]!)));
        Assert.Equal(HttpStatusCode.NotFound, (await engine.Host.Till().GetAsync($"/api/members/{id}")).StatusCode);
    }

    [Fact]
    public async Task Unsupported_formats_unknown_kinds_and_unknown_imports_are_problems()
    {
        var operations = engine.Host.Client(EngineHost.OperationsKey);
        var json = await operations.PostAsync("/api/imports/members", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "urn:loyalty:problem:import-unsupported-media-type"), (json.StatusCode, await Imports.TypeOf(json)));
        var kind = await operations.PostAsync("/api/imports/tills", new StringContent("", Encoding.UTF8, Imports.NdjsonType));
        Assert.Equal((HttpStatusCode.NotFound, "urn:loyalty:problem:import-kind-unknown"), (kind.StatusCode, await Imports.TypeOf(kind)));
        var unknown = await operations.GetAsync("/api/imports/0123456789abcdef");
        Assert.Equal((HttpStatusCode.NotFound, "urn:loyalty:problem:import-not-found"), (unknown.StatusCode, await Imports.TypeOf(unknown)));
        var till = await engine.Host.Till().PostAsync("/api/imports/members", new StringContent("", Encoding.UTF8, Imports.NdjsonType));
        Assert.Equal(HttpStatusCode.Forbidden, till.StatusCode);
    }
}

public sealed class SqliteImportsApiTests(EngineFixture engine) : ImportsApiTests<EngineFixture>(engine), IClassFixture<EngineFixture>;

public sealed class PostgreSqlImportsApiTests(PostgreSqlEngineFixture engine)
    : ImportsApiTests<PostgreSqlEngineFixture>(engine), IClassFixture<PostgreSqlEngineFixture>;

/// <summary>An engine that accepts import bodies of at most 1 MB.</summary>
public sealed class SmallImportsFixture : EngineFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Loyalty:Import:MaxBodyMegabytes"] = "1" };
}

public sealed class ImportBodySizeTests(SmallImportsFixture engine) : IClassFixture<SmallImportsFixture>
{
    [Fact]
    public async Task An_import_body_over_MaxBodyMegabytes_is_a_413_problem_and_one_under_it_is_imported()
    {
        var operations = engine.Host.Client(EngineHost.OperationsKey);
        var line = Imports.Ndjson(new { memberId = "M-x", name = new string('a', 150) });
        var big = string.Concat(Enumerable.Repeat(line, 1024 * 1024 / line.Length + 1));

        // As a well-behaved client does, ask before sending the body, and wait for the answer however busy the machine is:
        // sent at once, the body may still be on its way when the engine has refused it and closed the connection (a CI
        // run under faketime failed so, "the response ended prematurely").
        using var patient = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) })
        {
            BaseAddress = operations.BaseAddress,
        };
        patient.DefaultRequestHeaders.Add("X-Api-Key", EngineHost.OperationsKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports/members") { Content = new StringContent(big, Encoding.UTF8, Imports.NdjsonType) };
        request.Headers.ExpectContinue = true;
        var response = await patient.SendAsync(request);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "urn:loyalty:problem:import-too-large"), (response.StatusCode, await Imports.TypeOf(response)));
        var small = await operations.ImportAndWait("members", Imports.Ndjson(new { memberId = Api.NewMemberId(), name = "Gus" }), Imports.NdjsonType);
        Assert.Equal(("done", 1L, 1L, 0L, 0L), Imports.Counts(small));
    }
}
