using Loyalty.FaultTests.Endpoints;
using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

public sealed class TillFuzzTests
{
    [Fact]
    public void A_till_is_enrolled_with_hostile_names_and_stores_and_revoked_by_hostile_ids()
    {
        var cases = FuzzTargets.Generate(21);

        var enrol = cases.Where(c => c.Endpoint == "POST /api/tills").ToArray();
        Assert.Contains(enrol, c => c.Description == "name: 101 characters (one over)" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(enrol, c => c.Description == "storeId: 65 characters (one over)" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(enrol, c => c.Description == "storeId: left out" && c.Expected == FuzzExpectation.Refused);
        var revoke = cases.Where(c => c.Endpoint == "DELETE /api/tills/{tillId}" && c.Category == HostileCategories.HostilePath).ToArray();
        Assert.NotEmpty(revoke);
        Assert.All(revoke, c => Assert.StartsWith("tillId: ", c.Description));
        Assert.All(revoke, c => Assert.Equal(FuzzExpectation.Refused, c.Expected));
    }

    [Fact]
    public void The_path_of_a_revocation_carries_the_targets_till()
    {
        var target = new RequestTarget("M-1", "T-1", "S-1", "COF", "2026-11-20T10:00:00Z", TillId: "till-1");
        var revoke = EndpointCatalog.Find("DELETE", "/api/tills/{tillId}")!;

        Assert.Equal("/api/tills/till-1", revoke.PathFor("M-1", target));
        Assert.Equal("/api/tills/%00", revoke.PathWithCatalogueId("%00", target));
        Assert.False(revoke.Writes);
        Assert.False(revoke.WritesCatalogue);
    }
}
