using Loyalty.FaultTests.Access;
using Loyalty.FaultTests.Endpoints;
using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

/// <summary>The exports join the fuzz and the access matrix like every catalogued call.</summary>
public sealed class ExportFuzzTests
{
    private const string Ledger = "GET /api/exports/ledger";

    [Fact]
    public void The_ledger_export_gets_its_own_hostile_dates_and_each_is_refused_or_may_be_accepted_as_listed()
    {
        var queries = FuzzTargets.Generate(16).Where(c => c.Endpoint == Ledger && c.Category == HostileCategories.HostileQuery).ToArray();

        Assert.Equal(ExportHostileQueries.Ledger.Count, queries.Length);
        Assert.All(queries, c => Assert.StartsWith("/api/exports/ledger?", c.PathAndQuery));
        Assert.Contains(queries, c => c.Description == "'to' before 'from'" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(queries, c => c.Description == "one day" && c.Expected == FuzzExpectation.MayBeAccepted);
    }

    [Fact]
    public void The_catalogued_request_of_the_ledger_export_names_a_valid_range()
    {
        var ledger = EndpointCatalog.All.Single(e => e.Key == Ledger);

        Assert.Equal("/api/exports/ledger?" + ExportEndpoints.LedgerRange, ledger.RequestFor("M-1", FuzzTargets.For(ledger, FuzzExpectation.MayBeAccepted)));
    }

    [Fact]
    public void Only_support_and_the_member_themself_export_a_members_data_and_support_and_marketing_the_programmes()
    {
        static CredentialKind[] Allowed(string key)
        {
            var endpoint = EndpointCatalog.All.Single(e => e.Key == key);
            return Enum.GetValues<CredentialKind>().Where(k => AccessExpectations.Status(endpoint, k) == 200).Order().ToArray();
        }

        Assert.Equal([CredentialKind.SupportKey, CredentialKind.OwnMemberToken, CredentialKind.TokenClaimingTillRole],
            Allowed("GET /api/members/{memberId}/export").Order().ToArray());
        Assert.Equal([CredentialKind.MarketingKey, CredentialKind.SupportKey], Allowed("GET /api/exports/members"));
        Assert.Equal([CredentialKind.MarketingKey, CredentialKind.SupportKey], Allowed(Ledger));
    }
}
