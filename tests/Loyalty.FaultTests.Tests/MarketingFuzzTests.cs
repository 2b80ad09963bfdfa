using System.Text;
using System.Text.Json.Nodes;
using Loyalty.FaultTests.Endpoints;
using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

public sealed class MarketingFuzzTests
{
    [Fact]
    public void Club_and_promotion_ids_in_the_path_are_attacked_and_must_be_refused()
    {
        var cases = FuzzTargets.Generate(11).Where(c => c.Category == HostileCategories.HostilePath).ToArray();

        Assert.Contains(cases, c => c.Method == "PUT" && c.PathAndQuery == "/api/clubs/M%201" && c.Description == "clubId: space");
        Assert.Contains(cases, c => c.Method == "PUT" && c.PathAndQuery == "/api/clubs/M%2F1/members/M-11r");
        Assert.Contains(cases, c => c.Method == "POST" && c.PathAndQuery == "/api/promotions/M-%E2%80%AE1/end");
        Assert.Contains(cases, c => c.Method == "GET" && c.PathAndQuery == "/api/promotions/" + new string('A', 65));
        Assert.All(cases, c => Assert.Equal(FuzzExpectation.Refused, c.Expected));
    }

    [Fact]
    public void The_active_filter_of_the_promotion_list_gets_hostile_values()
    {
        var queries = FuzzTargets.Generate(12).Where(c => c.Endpoint == "GET /api/promotions" && c.Category == HostileCategories.HostileQuery).ToArray();

        Assert.Contains(queries, c => c.PathAndQuery == "/api/promotions?active=yes" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(queries, c => c.PathAndQuery == "/api/promotions?active=TRUE" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(queries, c => c.PathAndQuery == "/api/promotions?active=true" && c.Expected == FuzzExpectation.MayBeAccepted);
    }

    [Theory]
    [InlineData("/api/clubs/audit")]
    [InlineData("/api/promotions/audit")]
    public void The_paging_arguments_of_the_audit_logs_get_hostile_values(string path)
    {
        var queries = FuzzTargets.Generate(13).Where(c => c.Endpoint == "GET " + path && c.Category == HostileCategories.HostileQuery).ToArray();

        Assert.Contains(queries, c => c.PathAndQuery == path + "?limit=201" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(queries, c => c.PathAndQuery == path + "?limit=0" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(queries, c => c.PathAndQuery == path + "?before=0" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(queries, c => c.PathAndQuery == path + "?before=999999999999999999999999999999" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(queries, c => c.PathAndQuery == path + "?limit=" && c.Expected == FuzzExpectation.MayBeAccepted);
    }

    [Fact]
    public void Paths_carry_the_targets_club_and_promotion()
    {
        var target = new RequestTarget("M-1", "T-1", "S-1", "COF", "2026-11-20T10:00:00Z", "C-1", "P-1");

        Assert.Equal("/api/clubs/C-1/members/M-1", EndpointCatalog.Find("PUT", "/api/clubs/{clubId}/members/{memberId}")!.PathFor("M-1", target));
        Assert.Equal("/api/promotions/P-1/end", EndpointCatalog.Find("POST", "/api/promotions/{promotionId}/end")!.PathFor("M-1", target));
        Assert.Equal("/api/clubs/%00/members/M-1",
            EndpointCatalog.Find("DELETE", "/api/clubs/{clubId}/members/{memberId}")!.PathWithCatalogueId("%00", target));
    }

    [Fact]
    public void Only_writes_of_the_catalogues_are_catalogue_writes_and_joining_a_club_is_an_account_write()
    {
        Assert.Equal(["POST /api/promotions", "POST /api/promotions/{promotionId}/end", "PUT /api/clubs/{clubId}"],
            EndpointCatalog.All.Where(e => e.WritesCatalogue).Select(e => e.Key).Order());
        Assert.True(EndpointCatalog.Find("PUT", "/api/clubs/{clubId}/members/{memberId}")!.Writes);
        Assert.True(EndpointCatalog.Find("DELETE", "/api/clubs/{clubId}/members/{memberId}")!.Writes);
    }

    [Fact]
    public void The_valid_promotion_cannot_run_during_the_tests_even_with_one_field_changed()
    {
        var target = new RequestTarget("M-1", "T-1", "S-1", "COF", "2026-11-20T10:00:00Z", "C-1", "");
        var body = MarketingEndpoints.PromotionBody(target);

        Assert.True(DateTimeOffset.Parse((string)body["startsAt"]!) > DateTimeOffset.UtcNow.AddYears(7));
        Assert.True(DateTimeOffset.Parse((string)body["endsAt"]!) < DateTimeOffset.UtcNow.AddYears(10));
        Assert.Equal("C-1", (string?)body["audience"]!["clubId"]);
        Assert.Equal(MarketingEndpoints.UnsoldSku, (string?)body["effect"]!["sku"]);
        Assert.Equal(1, (int)body["budgetPoints"]!);
    }

    [Fact]
    public void Every_body_of_a_marketing_call_is_fuzzed_field_by_field()
    {
        var cases = FuzzTargets.Generate(13);
        var promotion = cases.Where(c => c.Endpoint == "POST /api/promotions").ToArray();

        Assert.Contains(promotion, c => c.Description == "effect.value: a fraction" && Encoding.UTF8.GetString(c.Body!).Contains("\"value\":1.5"));
        Assert.Contains(promotion, c => c.Description == "startsAt: year 1 (outside the transaction window)" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(promotion, c => c.Description == "audience.clubId: left out" && c.Expected == FuzzExpectation.MayBeAccepted);
        Assert.Contains(cases, c => c.Endpoint == "PUT /api/clubs/{clubId}" && c.Description == "description: 501 characters (one over)");
        Assert.All(promotion.Where(c => c.Body is not null && c.Category == HostileCategories.ExtraField),
            c => Assert.IsType<JsonObject>(JsonNode.Parse(c.Body!)));
    }
}
