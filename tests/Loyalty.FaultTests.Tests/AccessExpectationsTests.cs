using Loyalty.FaultTests.Access;
using Loyalty.FaultTests.Endpoints;

namespace Loyalty.FaultTests.Tests;

public sealed class AccessExpectationsTests
{
    private static EndpointSpec Endpoint(string key) => EndpointCatalog.All.Single(e => e.Key == key);

    [Theory]
    [InlineData("POST /api/members/{memberId}/purchases", 401, 200, 403, 403, 403, 403)]
    [InlineData("POST /api/members/{memberId}/redemptions", 401, 200, 403, 403, 403, 403)]
    [InlineData("POST /api/members/{memberId}/refunds", 401, 200, 403, 403, 403, 403)]
    [InlineData("POST /api/members/{memberId}/adjustments", 401, 403, 403, 200, 403, 403)]
    [InlineData("POST /api/members/{memberId}/voids", 401, 422, 403, 422, 403, 403)]
    [InlineData("POST /api/members/{memberId}/merges", 401, 403, 403, 422, 403, 403)]
    [InlineData("PUT /api/members/{memberId}", 401, 200, 200, 200, 403, 403)]
    [InlineData("GET /api/members/{memberId}", 401, 200, 200, 200, 200, 403)]
    [InlineData("GET /api/members/{memberId}/activity", 401, 200, 200, 200, 200, 403)]
    [InlineData("POST /api/dev/tokens", 200, 200, 200, 200, 200, 200)]
    [InlineData("GET /api/clubs", 401, 200, 200, 403, 200, 200)]
    [InlineData("GET /api/clubs/{clubId}", 401, 200, 200, 403, 200, 200)]
    [InlineData("GET /api/clubs/audit", 401, 403, 200, 403, 403, 403)]
    [InlineData("PUT /api/clubs/{clubId}", 401, 403, 200, 403, 403, 403)]
    [InlineData("PUT /api/clubs/{clubId}/members/{memberId}", 401, 403, 200, 403, 200, 403)]
    [InlineData("DELETE /api/clubs/{clubId}/members/{memberId}", 401, 403, 200, 403, 200, 403)]
    [InlineData("POST /api/promotions", 401, 403, 201, 403, 403, 403)]
    [InlineData("GET /api/promotions", 401, 403, 200, 403, 403, 403)]
    [InlineData("GET /api/promotions/audit", 401, 403, 200, 403, 403, 403)]
    [InlineData("GET /api/promotions/{promotionId}", 401, 403, 200, 403, 403, 403)]
    [InlineData("POST /api/promotions/{promotionId}/end", 401, 403, 200, 403, 403, 403)]
    [InlineData("GET /api/members/{memberId}/promotions", 401, 200, 200, 403, 200, 403)]
    [InlineData("GET /api/members/lookup", 401, 200, 403, 200, 403, 403)]
    [InlineData("GET /api/members/{memberId}/cards", 401, 200, 403, 200, 200, 403)]
    [InlineData("POST /api/members/{memberId}/cards", 401, 201, 403, 201, 403, 403)]
    [InlineData("PUT /api/members/{memberId}/cards/{cardNumber}", 401, 200, 403, 200, 403, 403)]
    [InlineData("DELETE /api/members/{memberId}/cards/{cardNumber}", 401, 204, 403, 204, 403, 403)]
    [InlineData("POST /api/auth/codes", 202, 202, 202, 202, 202, 202)]
    [InlineData("POST /api/auth/tokens", 400, 400, 400, 400, 400, 400)]
    [InlineData("POST /api/auth/refresh", 401, 401, 401, 401, 401, 401)]
    [InlineData("POST /api/auth/sign-out", 401, 403, 403, 403, 204, 204)]
    [InlineData("GET /api/reports/points-liability", 401, 403, 200, 200, 403, 403)]
    [InlineData("DELETE /api/members/{memberId}", 401, 403, 403, 200, 200, 403)]
    [InlineData("GET /api/members/{memberId}/export", 401, 403, 403, 200, 200, 403)]
    [InlineData("GET /api/exports/members", 401, 403, 200, 200, 403, 403)]
    [InlineData("GET /api/exports/ledger", 401, 403, 200, 200, 403, 403)]
    public void The_contracts_who_column_gives_each_status(string key, int none, int till, int marketing, int support, int own, int other)
    {
        var endpoint = Endpoint(key);

        Assert.Equal(none, AccessExpectations.Status(endpoint, CredentialKind.None));
        Assert.Equal(till, AccessExpectations.Status(endpoint, CredentialKind.TillKey));
        Assert.Equal(marketing, AccessExpectations.Status(endpoint, CredentialKind.MarketingKey));
        Assert.Equal(support, AccessExpectations.Status(endpoint, CredentialKind.SupportKey));
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
    public void Each_permitted_call_answers_with_its_success_status()
    {
        string[] otherThan200 =
        [
            "DELETE /api/members/{memberId}/cards/{cardNumber} 204", "DELETE /api/tills/{tillId} 204", "GET /api/imports/{importId} 404",
            "POST /api/auth/codes 202", "POST /api/auth/refresh 401", "POST /api/auth/sign-out 204", "POST /api/auth/tokens 400", "POST /api/imports/{kind} 415",
            "POST /api/members/{memberId}/cards 201", "POST /api/members/{memberId}/merges 422", "POST /api/members/{memberId}/voids 422", "POST /api/promotions 201", "POST /api/tills 201",
            "POST /api/tills/sessions 201",
        ];
        Assert.Equal(otherThan200, EndpointCatalog.All.Select(e => (e.Key, Status: AccessExpectations.SuccessStatus(e)))
            .Where(e => e.Status != 200).Select(e => $"{e.Key} {e.Status}").Order(StringComparer.Ordinal));
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
    [InlineData(nameof(CredentialKind.SupportKey), AccessExpectations.HubWatches)]
    [InlineData(nameof(CredentialKind.TillKey), AccessExpectations.HubWatches)]
    [InlineData(nameof(CredentialKind.OwnMemberToken), AccessExpectations.HubWatches)]
    [InlineData(nameof(CredentialKind.OtherMemberToken), AccessExpectations.HubWatchRefused)]
    [InlineData(nameof(CredentialKind.TillKeyAsBearer), AccessExpectations.HubWatches)]
    [InlineData(nameof(CredentialKind.TwoKeys), "401")]
    [InlineData(nameof(CredentialKind.OperationsKey), "403")]
    [InlineData(nameof(CredentialKind.EnrolledTillKey), AccessExpectations.HubWatches)]
    public void The_hub_refuses_the_connection_or_the_watch_as_the_contract_says(string kind, string expected)
    {
        Assert.Equal(expected, AccessExpectations.Hub(Enum.Parse<CredentialKind>(kind)));
    }

    [Theory]
    [InlineData("POST /api/tills", 401, 403, 403, 201, 403, 403)]
    [InlineData("GET /api/tills", 401, 403, 403, 200, 403, 403)]
    [InlineData("DELETE /api/tills/{tillId}", 401, 403, 403, 204, 403, 403)]
    [InlineData("POST /api/tills/sessions", 401, 403, 403, 403, 201, 403)]
    [InlineData("POST /api/imports/{kind}", 401, 403, 403, 415, 403, 403)]
    [InlineData("GET /api/imports/{importId}", 401, 403, 403, 404, 403, 403)]
    public void Tills_are_managed_by_operations_and_only_an_enrolled_till_starts_a_session(string key, int none, int till, int marketing,
        int operations, int enrolled, int own)
    {
        var endpoint = Endpoint(key);

        Assert.Equal(none, AccessExpectations.Status(endpoint, CredentialKind.None));
        Assert.Equal(till, AccessExpectations.Status(endpoint, CredentialKind.TillKey));
        Assert.Equal(marketing, AccessExpectations.Status(endpoint, CredentialKind.MarketingKey));
        Assert.Equal(operations, AccessExpectations.Status(endpoint, CredentialKind.OperationsKey));
        Assert.Equal(enrolled, AccessExpectations.Status(endpoint, CredentialKind.EnrolledTillKey));
        Assert.Equal(own, AccessExpectations.Status(endpoint, CredentialKind.OwnMemberToken));
    }

    [Fact]
    public void An_enrolled_tills_key_is_a_till_everywhere_else_and_the_operations_key_is_refused_everywhere_else()
    {
        foreach (var endpoint in EndpointCatalog.All.Where(e => !e.Template.StartsWith("/api/tills", StringComparison.Ordinal)
                     && e.Access != EndpointAccess.Operations))
        {
            Assert.Equal(AccessExpectations.Status(endpoint, CredentialKind.TillKey), AccessExpectations.Status(endpoint, CredentialKind.EnrolledTillKey));
            Assert.Equal(endpoint.Access == EndpointAccess.Anyone ? AccessExpectations.SuccessStatus(endpoint) : 403, AccessExpectations.Status(endpoint, CredentialKind.OperationsKey));
        }
    }
}
