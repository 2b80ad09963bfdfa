using Loyalty.FaultTests.Cluster;
using Loyalty.FaultTests.Endpoints;
using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

public sealed class CatalogueCheckTests
{
    private const string ClubA = """{"clubId":"C-a","name":"Fault test club"}""";
    private const string PromotionA = """{"id":"P-1","status":"scheduled"}""";
    private const string ClubCreated = """{"sequence":1,"action":"created","club":{"clubId":"C-a"}}""";
    private const string PromotionCreated = """{"sequence":1,"action":"created","promotion":{"id":"P-1"}}""";

    private static readonly CatalogueSnapshot Before = new($"[{ClubA}]", $"[{PromotionA}]", $"[{ClubCreated}]", $"[{PromotionCreated}]");

    private static HashSet<string> Set(params string[] ids) => new(ids, StringComparer.Ordinal);

    [Fact]
    public void Nothing_changed_is_no_violation()
    {
        Assert.Empty(new CatalogueCheck(Before, Before, Set(), Set(), Set()).Violations());
    }

    [Fact]
    public void A_promotion_an_accepted_request_created_is_no_violation_but_one_nobody_created_is()
    {
        var after = Before with
        {
            Promotions = $$$"""[{{{PromotionA}}},{"id":"P-2","status":"scheduled"},{"id":"P-3","status":"scheduled"}]""",
            PromotionAudit = $$$"""[{{{PromotionCreated}}},{"sequence":2,"promotion":{"id":"P-2"}},{"sequence":3,"promotion":{"id":"P-3"}}]""",
        };

        var violations = new CatalogueCheck(Before, after, Set("P-2"), Set(), Set()).Violations();

        Assert.Equal(["promotion P-3 appeared, but no accepted request created it", "promotion audit entry 3 (promotion P-3) from no accepted request"],
            violations);
    }

    [Fact]
    public void A_club_changed_by_no_accepted_request_is_a_violation_and_so_is_its_audit_entry()
    {
        var after = Before with
        {
            Clubs = """[{"clubId":"C-a","name":"Changed"}]""",
            ClubAudit = $$$"""[{{{ClubCreated}}},{"sequence":2,"club":{"clubId":"C-a"}}]""",
        };

        Assert.Equal(2, new CatalogueCheck(Before, after, Set(), Set(), Set()).Violations().Count);
        Assert.Empty(new CatalogueCheck(Before, after, Set(), Set("C-a"), Set()).Violations());
    }

    [Fact]
    public void A_promotion_created_but_missing_from_the_list_or_one_that_disappeared_is_a_violation()
    {
        var after = Before with { Promotions = "[]" };

        Assert.Equal(["promotion P-9 was created (201) but is not in the list", "promotion P-1 disappeared"],
            new CatalogueCheck(Before, after, Set("P-9"), Set(), Set()).Violations());
    }

    [Fact]
    public void Only_an_endpoint_with_accepted_requests_names_its_target()
    {
        var target = new RequestTarget("M-a", "T", "S", "COF", "2026-11-20T10:00:00Z", "C-a", "P-a");
        FuzzCase[] accepted = [new("PUT /api/clubs/{clubId}", HostileCategories.Unicode, "name: emoji", "PUT", "/api/clubs/C-a", null, null,
            FuzzExpectation.MayBeAccepted, null)];

        Assert.Equal(["C-a"], CatalogueCheck.AcceptedTargets(accepted, "PUT /api/clubs/{clubId}", target, t => t.ClubId));
        Assert.Empty(CatalogueCheck.AcceptedTargets(accepted, "POST /api/promotions/{promotionId}/end", target, t => t.PromotionId));
    }
}
