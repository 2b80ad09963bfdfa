using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Loyalty.Domain;
using Loyalty.Server.Apis;
using Loyalty.Server.Tests.BackOffice;
using Loyalty.Storage;
using Loyalty.Storage.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Microsoft.AspNetCore.SignalR.Client;

namespace Loyalty.Server.Tests.Privacy;

/// <summary>An engine on a programme clock the tests move forward, from a fixed day.</summary>
public class ExportsFixture() : ClockedEngineFixture(Start)
{
    public static readonly DateTimeOffset Start = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);
}

public sealed class PostgreSqlExportsFixture : ExportsFixture
{
    private readonly PostgreSqlStorage _storage = new();

    protected override Task<IReadOnlyDictionary<string, string>> PrepareStorageAsync(string folder) => _storage.PrepareAsync();

    protected override Task ReleaseStorageAsync() => _storage.ReleaseAsync();
}

/// <summary>
/// The exports over HTTP, on both databases: a member's copy of their data, every member as CSV, the ledger of a date
/// range as NDJSON; who may read each; and a till's view of an account without contact details.
/// </summary>
public abstract class ExportsApiTests<TEngine>(TEngine engine) where TEngine : ExportsFixture
{
    private HttpClient Till => engine.Host.Till();
    private HttpClient Support => engine.Host.Support();

    private HttpClient MemberClient(string memberId)
    {
        var client = engine.Host.Client(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Watcher.MemberToken(memberId));
        return client;
    }

    private async Task<string> EnrolAsync(string name = "Ada Lovelace", string? phone = null)
    {
        var id = Api.NewMemberId();
        await (await Support.PutAsJsonAsync($"/api/members/{id}",
            new { name, email = Api.EmailOf(id), phone, birthDate = "1990-04-01" })).Json(HttpStatusCode.Created);
        return id;
    }

    private static void AssertDownload(HttpResponseMessage response, string mediaType, string fileName)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(response.Headers.TransferEncodingChunked); // streamed as it is read, not counted up front
    }

    [Fact]
    public async Task A_member_downloads_everything_held_about_them_with_the_whole_ledger()
    {
        var id = await EnrolAsync(phone: "+447400123456");
        var card = (string)(await (await Till.PostAsync($"/api/members/{id}/cards", null)).Json(HttpStatusCode.Created))["cardNumber"]!;
        for (var i = 1; i <= 3; i++)
            await (await Till.Purchase(id, Api.Sale($"S-{i}", "LATTE", "coffee", i, 2.50m))).Json();
        await (await Till.Redeem(id, new { transactionId = "R-1", storeId = "S-01", points = 5 })).Json();

        var response = await MemberClient(id).GetAsync($"/api/members/{id}/export");

        AssertDownload(response, "application/json", $"member-{id}.json");
        var data = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(id, (string)data["memberId"]!);
        var account = data["account"]!;
        Assert.Equal(("Ada Lovelace", Api.EmailOf(id), "+447400123456", "1990-04-01"),
            ((string)account["name"]!, (string)account["email"]!, (string)account["phone"]!, (string)account["birthDate"]!));
        var identifiers = data["identifiers"]!.AsArray().Select(i => ((string)i!["kind"]!, (string)i["value"]!)).ToHashSet();
        Assert.Equal(new HashSet<(string, string)> { ("email", Api.EmailOf(id)), ("phone", "+447400123456"), ("card", card) }, identifiers);
        Assert.Equal((long)account["points"]!, data["lots"]!.AsArray().Sum(l => (long)l!["points"]!));
        Assert.Equal(0, (int)data["signIns"]!["active"]!);
        var ledger = data["ledger"]!.AsArray();
        var activity = await Till.Activity(id);
        Assert.Equal(activity.Select(e => (long)e!["sequence"]!), ledger.Select(e => (long)e!["sequence"]!));
        Assert.Equal(["redemption", "purchase", "purchase", "purchase", "enrolled"], ledger.Select(e => (string)e!["kind"]!).Where(k => k != "reward-issued"));
        Assert.All(ledger, e => Assert.Null(e!["details"]?["fingerprint"]));

        var bySupport = await Support.GetAsync($"/api/members/{id}/export");
        AssertDownload(bySupport, "application/json", $"member-{id}.json");
    }

    [Fact]
    public async Task Only_support_and_the_member_themself_export_a_members_data()
    {
        var (id, other) = (await EnrolAsync(), await EnrolAsync());
        var path = $"/api/members/{id}/export";

        Assert.Equal(HttpStatusCode.Forbidden, (await Till.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.Marketing().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.Client(EngineHost.OperationsKey).GetAsync(path)).StatusCode);
        var otherMember = await MemberClient(other).GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, otherMember.StatusCode);
        Assert.Equal("application/problem+json", otherMember.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).GetAsync(path)).StatusCode);
        var unknown = Api.NewMemberId();
        Assert.Equal("urn:loyalty:problem:member-not-found",
            (string)(await (await Support.GetAsync($"/api/members/{unknown}/export")).Json(HttpStatusCode.NotFound))["type"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await MemberClient(unknown).GetAsync($"/api/members/{unknown}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Support.GetAsync("/api/members/not%20an%20id/export")).StatusCode);
    }

    [Fact]
    public async Task A_merged_away_member_exports_the_member_it_was_merged_into()
    {
        var (target, source) = (await EnrolAsync("Target"), await EnrolAsync("Source"));
        await (await Support.Merge(target, new { transactionId = $"MRG-{source}", sourceMemberId = source })).Json();

        var data = JsonNode.Parse(await (await MemberClient(source).GetAsync($"/api/members/{source}/export")).Content.ReadAsStringAsync())!;

        Assert.Equal(target, (string)data["memberId"]!);
        Assert.Equal("Target", (string)data["account"]!["name"]!);
        Assert.Contains(data["ledger"]!.AsArray(), e => (string)e!["kind"]! == "merged-in");
    }

    [Fact]
    public async Task An_erased_member_answers_410_and_is_left_out_of_the_members_csv()
    {
        var id = await EnrolAsync("Erased Person");
        Assert.True((await Support.DeleteAsync($"/api/members/{id}")).IsSuccessStatusCode);

        var problem = await (await MemberClient(id).GetAsync($"/api/members/{id}/export")).Json(HttpStatusCode.Gone);
        var csv = await (await Support.GetAsync("/api/exports/members")).Content.ReadAsStringAsync();

        Assert.Equal("urn:loyalty:problem:member-erased", (string)problem["type"]!);
        Assert.DoesNotContain(id, csv);
        Assert.DoesNotContain("Erased Person", csv);
    }

    [Fact]
    public async Task Every_enrolled_member_is_one_csv_row_as_the_account_shows_it_and_merged_away_members_are_left_out()
    {
        var plain = await EnrolAsync("Grace Hopper", "+447400654321");
        var awkward = await EnrolAsync("=HYPERLINK(\"x\"), Esq.");
        var (target, source) = (await EnrolAsync("Target"), await EnrolAsync("Source"));
        await (await Till.Purchase(plain, Api.Sale($"S-{plain}", "LATTE", "coffee", 4, 2.50m))).Json();
        await (await Support.Merge(target, new { transactionId = $"MRG-{source}", sourceMemberId = source })).Json();
        var account = await Till.Account(plain);

        var response = await engine.Host.Marketing().GetAsync("/api/exports/members");

        AssertDownload(response, "text/csv", "members.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("memberId,name,email,phone,birthDate,enrolledAt,points,pendingPoints,tier,lifetimeSpend,lastPurchaseAt,clubs", lines[0]);
        Assert.Equal("", lines[^1]);
        var rows = lines.Skip(1).SkipLast(1).ToArray();
        var ids = rows.Select(r => r[..r.IndexOf(',', StringComparison.Ordinal)]).ToArray(); // the ids have no commas or quotes
        Assert.Equal(ids.Distinct().Count(), ids.Length);
        var lastPurchase = account["lastPurchaseAt"]!.GetValue<DateTimeOffset>().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var enrolledAt = account["enrolledAt"]!.GetValue<DateTimeOffset>().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        Assert.Contains($"{plain},Grace Hopper,{Api.EmailOf(plain)},+447400654321,1990-04-01,{enrolledAt},{(long)account["points"]!},0," +
                        $"{(string)account["tier"]!},10.00,{lastPurchase},", rows);
        Assert.Contains(rows, r => r.StartsWith($"{awkward},\"'=HYPERLINK(\"\"x\"\"), Esq.\",", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith($"{target},Target,", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.StartsWith(source + ",", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await Support.GetAsync("/api/exports/members")).StatusCode);
    }

    [Fact]
    public async Task The_ledger_of_a_date_range_is_ndjson_in_time_order_both_days_inclusive()
    {
        var id = await EnrolAsync();
        var first = DateOnly.FromDateTime(engine.Time.GetUtcNow().UtcDateTime);
        await (await Till.Purchase(id, Api.Sale($"A-{id}", "LATTE", "coffee", 1, 2.50m))).Json();
        engine.Time.Advance(TimeSpan.FromDays(2));
        await (await Till.Purchase(id, Api.Sale($"B-{id}", "LATTE", "coffee", 1, 2.50m))).Json();
        await Till.Activity(id); // the entries are in the ledger table once the activity shows them
        var last = first.AddDays(2);

        var response = await Support.GetAsync($"/api/exports/ledger?from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}");

        AssertDownload(response, NdjsonMediaType, $"ledger-{first:yyyy-MM-dd}-{last:yyyy-MM-dd}.ndjson");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        var at = lines.Select(l => l["at"]!.GetValue<DateTimeOffset>()).ToArray();
        Assert.Equal(at.Order(), at);
        var mine = lines.Where(l => (string)l["memberId"]! == id).ToArray();
        Assert.Equal(["enrolled", "purchase", "purchase"], mine.Select(l => (string)l["kind"]!));
        Assert.Equal([$"A-{id}", $"B-{id}"], mine.Skip(1).Select(l => (string)l["transactionId"]!));
        Assert.Equal(2.50m, mine[1]["amount"]!.GetValue<decimal>());

        var firstDay = await (await engine.Host.Marketing().GetAsync($"/api/exports/ledger?from={first:yyyy-MM-dd}&to={first:yyyy-MM-dd}")).Content.ReadAsStringAsync();
        Assert.Contains($"A-{id}", firstDay);
        Assert.DoesNotContain($"B-{id}", firstDay);
        var lastDay = await (await Support.GetAsync($"/api/exports/ledger?from={last:yyyy-MM-dd}&to={last:yyyy-MM-dd}")).Content.ReadAsStringAsync();
        Assert.Equal([$"B-{id}"], lastDay.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .Where(l => (string)l["memberId"]! == id).Select(l => (string)l["transactionId"]!));
    }

    [Fact]
    public async Task Exports_longer_than_a_page_hold_every_row_once_in_order()
    {
        // Written straight to storage, as many as a page and a half: 750 members' accounts, and 750 ledger entries of a day
        // long before the programme's clock.
        var count = ExportsApi.PageSize * 3 / 2;
        var prefix = "PG-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var storage = engine.Host.Services.GetRequiredKeyedService<IGrainStorage>(LoyaltyStorageNames.GrainStorage);
        var day = new DateTimeOffset(2001, 2, 3, 0, 0, 0, TimeSpan.Zero);
        var entries = new List<LedgerEntry>();
        for (var i = 0; i < count; i++)
        {
            await storage.WriteStateAsync(MemberStateReader.StateName, GrainId.Create("member", $"{prefix}{i:D4}"), new GrainState<MemberState>(
                new MemberState { Enrolled = true, Profile = new MemberProfile($"Member {i}", null, null), EnrolledAt = day, Tier = "Member" }));
            entries.Add(new LedgerEntry(i + 1, LedgerKinds.Purchase, day.AddSeconds(i), $"T-{i}", "S-01", 1, i + 1, 1.00m, "Purchase", null));
        }
        await engine.Host.Services.GetRequiredService<ILedgerStore>().AppendAsync(prefix + "ledger", entries);

        var csv = (await (await Support.GetAsync("/api/exports/members")).Content.ReadAsStringAsync()).Split("\r\n");
        var ndjson = (await (await Support.GetAsync("/api/exports/ledger?from=2001-02-03&to=2001-02-03")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{prefix}{i:D4},Member {i},"),
            csv.Where(r => r.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r[..r.IndexOf(",,", StringComparison.Ordinal)] + ","));
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), ndjson.Select(l => (long)JsonNode.Parse(l)!["sequence"]!));
    }

    private const string NdjsonMediaType = "application/x-ndjson";

    [Theory]
    [InlineData("", "from")]
    [InlineData("from=2026-01-01", "to")]
    [InlineData("from=2026-13-01&to=2026-12-31", "from")]
    [InlineData("from=2026-01-01&to=31.12.2026", "to")]
    [InlineData("from=2026-01-01&from=2026-01-02&to=2026-01-03", "from")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("from=2025-01-01&to=2026-01-02", "to")]
    [InlineData("from=0001-01-01&to=9999-12-31", "to")]
    public async Task A_bad_or_missing_date_or_range_gets_400_naming_the_field(string query, string field)
    {
        var problem = await (await Support.GetAsync($"/api/exports/ledger?{query}")).Json(HttpStatusCode.BadRequest);

        Assert.Equal("urn:loyalty:problem:validation", (string)problem["type"]!);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Theory]
    [InlineData("/api/exports/members")]
    [InlineData("/api/exports/ledger?from=2026-01-01&to=2026-01-31")]
    public async Task Only_support_and_marketing_read_the_programme_exports(string path)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Till.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.Client(EngineHost.OperationsKey).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await MemberClient(await EnrolAsync()).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_till_reads_the_name_but_not_the_contact_details_or_birth_date_which_staff_and_the_member_see()
    {
        var id = await EnrolAsync("Ada Lovelace", "+447400111222");

        var atTill = await Till.Account(id);

        Assert.Equal("Ada Lovelace", (string)atTill["name"]!);
        Assert.Null(atTill["email"]);
        Assert.Null(atTill["phone"]);
        Assert.Null(atTill["birthDate"]);
        foreach (var client in new[] { Support, engine.Host.Marketing(), MemberClient(id) })
        {
            var full = await client.Account(id);
            Assert.Equal((Api.EmailOf(id), "+447400111222", "1990-04-01"), ((string)full["email"]!, (string)full["phone"]!, (string)full["birthDate"]!));
        }
        await using var watcher = Watcher.Create(engine.Host, EngineHost.TillKey);
        await watcher.StartAsync();
        var watched = await watcher.Connection.InvokeAsync<JsonObject>("Watch", id);
        Assert.Equal("Ada Lovelace", (string)watched["name"]!);
        Assert.Null(watched["email"]);
        Assert.Null(watched["birthDate"]);
    }
}

public sealed class SqliteExportsApiTests(ExportsFixture engine) : ExportsApiTests<ExportsFixture>(engine), IClassFixture<ExportsFixture>;

public sealed class PostgreSqlExportsApiTests(PostgreSqlExportsFixture engine)
    : ExportsApiTests<PostgreSqlExportsFixture>(engine), IClassFixture<PostgreSqlExportsFixture>;
