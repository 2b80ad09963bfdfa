using Loyalty.FaultTests.Access;
using Loyalty.FaultTests.Endpoints;

namespace Loyalty.FaultTests.Tests;

public sealed class AccessExpectationsTests
{
    private static EndpointSpec Endpoint(string key) => EndpointCatalog.All.Single(e => e.Key == key);

    [Theory]
    [InlineData("POST /api/members/{memberId}/purchases", 401, 200, 403, 403, 403)]
    [InlineData("POST /api/members/{memberId}/redemptions", 401, 200, 403, 403, 403)]
    [InlineData("POST /api/members/{memberId}/refunds", 401, 200, 403, 403, 403)]
    [InlineData("PUT /api/members/{memberId}", 401, 200, 200, 403, 403)]
    [InlineData("GET /api/members/{memberId}", 401, 200, 200, 200, 403)]
    [InlineData("GET /api/members/{memberId}/activity", 401, 200, 200, 200, 403)]
    [InlineData("POST /api/dev/tokens", 200, 200, 200, 200, 200)]
    [InlineData("GET /api/clubs", 401, 200, 200, 200, 200)]
    [InlineData("GET /api/clubs/{clubId}", 401, 200, 200, 200, 200)]
    [InlineData("GET /api/clubs/audit", 401, 403, 200, 403, 403)]
    [InlineData("PUT /api/clubs/{clubId}", 401, 403, 200, 403, 403)]
    [InlineData("PUT /api/clubs/{clubId}/members/{memberId}", 401, 403, 200, 200, 403)]
    [InlineData("DELETE /api/clubs/{clubId}/members/{memberId}", 401, 403, 200, 200, 403)]
    [InlineData("POST /api/promotions", 401, 403, 201, 403, 403)]
    [InlineData("GET /api/promotions", 401, 403, 200, 403, 403)]
    [InlineData("GET /api/promotions/audit", 401, 403, 200, 403, 403)]
    [InlineData("GET /api/promotions/{promotionId}", 401, 403, 200, 403, 403)]
    [InlineData("POST /api/promotions/{promotionId}/end", 401, 403, 200, 403, 403)]
    [InlineData("GET /api/members/{memberId}/promotions", 401, 200, 200, 200, 403)]
    [InlineData("POST /api/auth/codes", 202, 202, 202, 202, 202)]
    [InlineData("POST /api/auth/tokens", 400, 400, 400, 400, 400)]
    [InlineData("POST /api/auth/refresh", 401, 401, 401, 401, 401)]
    [InlineData("POST /api/auth/sign-out", 401, 403, 403, 204, 204)]
    public void The_contracts_who_column_gives_each_status(string key, int none, int till, int marketing, int own, int other)
    {
        var endpoint = Endpoint(key);

        Assert.Equal(none, AccessExpectations.Status(endpoint, CredentialKind.None));
        Assert.Equal(till, AccessExpectations.Status(endpoint, CredentialKind.TillKey));
        Assert.Equal(marketing, AccessExpectations.Status(endpoint, CredentialKind.MarketingKey));
        Assert.Equal(own, AccessExpectations.Status(endpoint, CredentialKind.OwnMemberToken));
        Assert.Equal(other, AccessExpectations.Status(endpoint, CredentialKind.OtherMemberToken));
    }

    [Fact]
    public void Credentials_that_identify_no_one_get_401_wherever_credentials_are_needed()
    {
        var broken = Enum.GetValues<CredentialKind>().Where(k => k.IdentifiesNoOne()).ToArray();

        Assert.Equal(9, broken.Length);
        foreach (var endpoint in EndpointCatalog.All.Where(e => e.Access != EndpointAccess.Anyone))
            Assert.All(broken, kind => Assert.Equal(401, AccessExpectations.Status(endpoint, kind)));
    }

    [Fact]
    public void A_token_claiming_the_till_role_is_still_only_a_member_and_a_key_as_bearer_only_works_on_the_hub()
    {
        foreach (var endpoint in EndpointCatalog.All)
        {
            Assert.Equal(AccessExpectations.Status(endpoint, CredentialKind.OwnMemberToken), AccessExpectations.Status(endpoint, CredentialKind.TokenClaimingTillRole));
            Assert.Equal(endpoint.Access == EndpointAccess.Anyone ? AccessExpectations.SuccessStatus(endpoint) : 401, AccessExpectations.Status(endpoint, CredentialKind.TillKeyAsBearer));
        }
    }

    [Fact]
    public void Every_cell_of_every_catalogued_endpoint_expects_success_401_or_403()
    {
        foreach (var endpoint in EndpointCatalog.All)
            foreach (var kind in Enum.GetValues<CredentialKind>())
                Assert.Contains(AccessExpectations.Status(endpoint, kind), new[] { AccessExpectations.SuccessStatus(endpoint), 401, 403 });
    }

    [Fact]
    public void Only_creating_a_promotion_succeeds_with_201_and_only_sign_in_calls_answer_otherwise_than_200()
    {
        Assert.Equal(["POST /api/promotions"], EndpointCatalog.All.Where(e => AccessExpectations.SuccessStatus(e) == 201).Select(e => e.Key));
        Assert.Equal(
            ["POST /api/auth/codes 202", "POST /api/auth/refresh 401", "POST /api/auth/sign-out 204", "POST /api/auth/tokens 400"],
            EndpointCatalog.All.Where(e => e.Status is not null).Select(e => $"{e.Key} {e.Status}").Order());
        Assert.All(EndpointCatalog.All.Where(e => e.Key != "POST /api/promotions" && e.Status is null), e => Assert.Equal(200, AccessExpectations.SuccessStatus(e)));
    }

    [Fact]
    public void Every_club_and_promotion_call_is_refused_to_another_members_token_except_the_club_list()
    {
        var marketing = EndpointCatalog.All.Where(e => e.IsMarketing).ToArray();

        Assert.Equal(11, marketing.Length);
        Assert.Equal(["GET /api/clubs", "GET /api/clubs/{clubId}"],
            marketing.Where(e => AccessExpectations.Status(e, CredentialKind.OtherMemberToken) == 200).Select(e => e.Key).Order());
    }

    [Theory]
    [InlineData(nameof(CredentialKind.None), "401")]
    [InlineData(nameof(CredentialKind.ExpiredToken), "401")]
    [InlineData(nameof(CredentialKind.MarketingKey), "403")]
    [InlineData(nameof(CredentialKind.TillKey), AccessExpectations.HubWatches)]
    [InlineData(nameof(CredentialKind.OwnMemberToken), AccessExpectations.HubWatches)]
    [InlineData(nameof(CredentialKind.OtherMemberToken), AccessExpectations.HubWatchRefused)]
    [InlineData(nameof(CredentialKind.TillKeyAsBearer), AccessExpectations.HubWatches)]
    [InlineData(nameof(CredentialKind.TwoKeys), "401")]
    public void The_hub_refuses_the_connection_or_the_watch_as_the_contract_says(string kind, string expected)
    {
        Assert.Equal(expected, AccessExpectations.Hub(Enum.Parse<CredentialKind>(kind)));
    }
}
