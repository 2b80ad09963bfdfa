using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Loyalty.Server.Tests.SignIn;
using Loyalty.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Loyalty.Server.Tests.Privacy;

/// <summary>
/// Erasure over HTTP, on both databases: a member who signed up and bought erases themself; the id answers 410 to every
/// call, their identifiers are free again, their sign-in is revoked, watchers are told, the amounts (ledger points, the
/// liability report) are unchanged, and neither the database's files (SQLite, with its write-ahead log) nor any table
/// (PostgreSQL, after the engine's vacuum) holds their name, e-mail or phone.
/// </summary>
public abstract class ErasureApiTests<TEngine>(TEngine engine) where TEngine : SignInFixture
{
    [Fact]
    public async Task A_member_erases_themself_and_only_the_amounts_are_left()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (name, email, phone) = ($"Zebulon Quillfeather{tag}", $"zq.{tag}@erasure.example.org", "+4420794601" + Random.Shared.Next(10, 99));
        var signedIn = await engine.SignInAsync(email, name);
        var memberId = (string)signedIn["memberId"]!;
        var member = engine.Member((string)signedIn["accessToken"]!);
        var (till, support) = (engine.Host.Till(), engine.Host.Support());
        await (await support.PutAsJsonAsync($"/api/members/{memberId}", new { name, email, phone })).Json();
        var card = (string)(await (await till.PostAsync($"/api/members/{memberId}/cards", null)).Json(HttpStatusCode.Created))["cardNumber"]!;
        var outstandingBefore = await OutstandingAsync();
        await (await till.Purchase(memberId, Api.Sale("E-1", "LATTE", "coffee", 10, 2.50m))).Json();
        var outstanding = await SettledOutstandingAsync(outstandingBefore + 25);
        var ledger = await LedgerAsync(memberId);
        await using var watcher = Watcher.Create(engine.Host, EngineHost.TillKey);
        await watcher.StartAsync();
        await watcher.WatchAsync(memberId);

        var foundBefore = (await FoundAsync(name, email, phone)).Select(f => f[(f.IndexOf(": ", StringComparison.Ordinal) + 2)..]).ToHashSet();
        Assert.Equal(3, foundBefore.Count); // the search finds each of them while they are there
        var other = engine.Member((string)(await engine.SignInAsync($"other.{tag}@example.org", "Other"))["accessToken"]!);
        await Problem(await other.DeleteAsync($"/api/members/{memberId}"), HttpStatusCode.Forbidden, "forbidden");
        await Problem(await till.DeleteAsync($"/api/members/{memberId}"), HttpStatusCode.Forbidden, "forbidden");
        var erased = await (await member.DeleteAsync($"/api/members/{memberId}")).Json();
        var again = await (await support.DeleteAsync($"/api/members/{memberId}")).Json();

        Assert.Equal(memberId, (string)erased["memberId"]!);
        Assert.Equal(erased.ToJsonString(), again.ToJsonString());
        await Watcher.Until(() => watcher.Balances.Any(b => b.Reason == "member-erased"));
        Assert.Equal(25L, watcher.Balances.Single(b => b.Reason == "member-erased").Balance);
        foreach (var call in new Func<Task<HttpResponseMessage>>[]
        {
            () => till.GetAsync($"/api/members/{memberId}"),
            () => member.GetAsync($"/api/members/{memberId}"),
            () => support.PutAsJsonAsync($"/api/members/{memberId}", new { name, email }),
            () => till.Purchase(memberId, Api.Sale("E-2", "LATTE", "coffee", 1, 2.50m)),
            () => support.GetAsync($"/api/members/{memberId}/activity"),
            () => till.PostAsync($"/api/members/{memberId}/cards", null),
            () => support.Adjust(memberId, new { transactionId = "ADJ-1", points = 5, reason = "goodwill" }),
        })
            await Problem(await call(), HttpStatusCode.Gone, "member-erased");
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).Refresh((string)signedIn["refreshToken"]!)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await till.GetAsync($"/api/members/lookup?email={email}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await till.GetAsync($"/api/members/lookup?card={card}")).StatusCode);

        Assert.Equal(ledger.Select(e => (e.Sequence, e.Points)), (await LedgerAsync(memberId)).Where(e => e.Kind != "member-erased").Select(e => (e.Sequence, e.Points)));
        Assert.Contains(await LedgerAsync(memberId), e => e is { Kind: "enrolled", Description: "Enrolled as [erased]" });
        Assert.Equal(outstanding, await OutstandingAsync());
        Assert.Empty(await FoundAsync(name, email, phone, phone[1..]));

        // The identifiers are free: another member may have them now.
        var newcomer = Api.NewMemberId();
        await (await support.PutAsJsonAsync($"/api/members/{newcomer}", new { name = "Newcomer", email, phone })).Json(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await till.PutAsync($"/api/members/{newcomer}/cards/{card}", null)).StatusCode);
    }

    [Fact]
    public async Task Erasing_a_member_never_enrolled_is_404_and_a_bad_id_400()
    {
        var support = engine.Host.Support();
        await Problem(await support.DeleteAsync($"/api/members/{Api.NewMemberId()}"), HttpStatusCode.NotFound, "member-not-found");
        await Problem(await support.DeleteAsync($"/api/members/{new string('x', 200)}"), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).DeleteAsync($"/api/members/{Api.NewMemberId()}")).StatusCode);
    }

    private async Task<IReadOnlyList<string>> FoundAsync(params string[] texts) =>
        engine.Storage["Provider"] == "Sqlite"
            ? PersonalDataSearch.InSqliteFiles(new SqliteConnectionStringBuilder(engine.Storage["ConnectionString"]).DataSource, texts)
            : await PersonalDataSearch.InPostgreSqlTablesAsync(engine.Storage["ConnectionString"], texts);

    private async Task<long> OutstandingAsync() =>
        (long)(await (await engine.Host.Support().GetAsync("/api/reports/points-liability")).Json())["outstanding"]!["points"]!;

    /// <summary>The liability's outstanding points once the projector has counted them (it runs behind the ledger).</summary>
    private async Task<long> SettledOutstandingAsync(long expected)
    {
        for (var i = 0; i < 100 && await OutstandingAsync() != expected; i++)
            await Task.Delay(100);
        return await OutstandingAsync();
    }

    private async Task<IReadOnlyList<(long Sequence, string Kind, long Points, string Description)>> LedgerAsync(string memberId)
    {
        await using DbConnection connection = engine.Storage["Provider"] == "Sqlite"
            ? new SqliteConnection(engine.Storage["ConnectionString"])
            : new NpgsqlConnection(engine.Storage["ConnectionString"]);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, kind, points, description FROM loyalty_ledger WHERE member_id = @member ORDER BY sequence";
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("member", memberId);
        command.Parameters.Add(parameter);
        var entries = new List<(long, string, long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            entries.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        return entries;
    }

    private static async Task<JsonNode> Problem(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json(status);
        Assert.Equal("urn:loyalty:problem:" + type, (string?)problem["type"]);
        return problem;
    }
}

public sealed class SqliteErasureApiTests(SignInFixture engine) : ErasureApiTests<SignInFixture>(engine), IClassFixture<SignInFixture>;

public sealed class PostgreSqlErasureApiTests(PostgreSqlSignInFixture engine)
    : ErasureApiTests<PostgreSqlSignInFixture>(engine), IClassFixture<PostgreSqlSignInFixture>;
