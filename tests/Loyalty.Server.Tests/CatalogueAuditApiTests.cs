using System.Net;
using System.Text.Json.Nodes;

namespace Loyalty.Server.Tests;

/// <summary>
/// The audit logs of the clubs and the promotions over HTTP: newest first, in pages of <c>limit</c> entries, the next
/// page asked with the <c>before</c> cursor the last one gave; bad paging arguments are 400 problems.
/// </summary>
public abstract class CatalogueAuditApiTests<TFixture>(TFixture engine) where TFixture : EngineFixture
{
    [Fact]
    public async Task The_club_audit_is_paged_newest_first_and_holds_every_change_once()
    {
        var marketing = engine.Host.Marketing();
        var clubId = Marketing.NewClubId();
        for (var n = 0; n < 5; n++)
            Assert.True((await marketing.PutClub(clubId, $"Club {n}")).IsSuccessStatusCode);

        var entries = await ReadAllAsync(marketing, "/api/clubs/audit", pageSize: 2);

        var mine = entries.Where(e => (string)e["club"]!["clubId"]! == clubId).ToArray();
        Assert.Equal(["Club 4", "Club 3", "Club 2", "Club 1", "Club 0"], mine.Select(e => (string)e["club"]!["name"]!));
        Assert.Equal(["updated", "updated", "updated", "updated", "created"], mine.Select(e => (string)e["action"]!));
    }

    [Fact]
    public async Task The_promotion_audit_is_paged_newest_first_and_holds_every_change_once()
    {
        var marketing = engine.Host.Marketing();
        var ids = new List<string>();
        for (var n = 0; n < 3; n++)
        {
            var id = await marketing.CreatedPromotionId(Marketing.Promotion(new { kind = "bonusPoints", value = 5, sku = "AUDIT" }, name: $"Audit {n}"));
            (await marketing.PostAsync($"/api/promotions/{id}/end", null)).EnsureSuccessStatusCode();
            ids.Add(id);
        }

        var entries = await ReadAllAsync(marketing, "/api/promotions/audit", pageSize: 1);

        var mine = entries.Where(e => ids.Contains((string)e["promotion"]!["id"]!)).ToArray();
        Assert.Equal(ids.SelectMany(id => new[] { (id, "created"), (id, "ended") }).Reverse(),
            mine.Select(e => ((string)e["promotion"]!["id"]!, (string)e["action"]!)));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("limit=-1")]
    [InlineData("limit=abc")]
    [InlineData("limit=1.5")]
    [InlineData("limit=%2B5")]
    [InlineData("limit=%205")]
    [InlineData("limit=1%00")]
    [InlineData("limit=99999999999")]
    [InlineData("before=0")]
    [InlineData("before=-3")]
    [InlineData("before=x")]
    [InlineData("before=1%00")]
    [InlineData("before=99999999999999999999")]
    [InlineData("before=1e30")]
    [InlineData("before=1%E2%80%AE")]
    [InlineData("limit=1&limit=2")]
    public async Task Bad_paging_arguments_are_a_problem(string query)
    {
        foreach (var path in new[] { "/api/clubs/audit", "/api/promotions/audit" })
        {
            var response = await engine.Host.Marketing().GetAsync($"{path}?{query}");
            var problem = await response.Problem(HttpStatusCode.BadRequest);
            Assert.StartsWith("urn:loyalty:problem:", (string?)problem["type"]);
        }
    }

    /// <summary>Every entry of an audit log, page by page, checking each page's order, size and cursor.</summary>
    private static async Task<List<JsonNode>> ReadAllAsync(HttpClient client, string path, int pageSize)
    {
        var all = new List<JsonNode>();
        string query = $"?limit={pageSize}";
        while (true)
        {
            var page = await (await client.GetAsync(path + query)).Json();
            var entries = page["entries"]!.AsArray().Select(e => e!).ToArray();
            Assert.InRange(entries.Length, 1, pageSize);
            all.AddRange(entries);
            if (page["nextBefore"] is not { } next)
                break;
            Assert.Equal((long)entries[^1]["sequence"]!, (long)next);
            query = $"?limit={pageSize}&before={(long)next}";
        }
        var sequences = all.Select(e => (long)e["sequence"]!).ToArray();
        Assert.Equal(Enumerable.Range(1, sequences.Length).Reverse().Select(n => (long)n), sequences);
        return all;
    }
}

public sealed class SqliteCatalogueAuditApiTests(EngineFixture engine)
    : CatalogueAuditApiTests<EngineFixture>(engine), IClassFixture<EngineFixture>;

public sealed class PostgreSqlCatalogueAuditApiTests(PostgreSqlEngineFixture engine)
    : CatalogueAuditApiTests<PostgreSqlEngineFixture>(engine), IClassFixture<PostgreSqlEngineFixture>;
