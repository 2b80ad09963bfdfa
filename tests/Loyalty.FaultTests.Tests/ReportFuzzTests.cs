using Loyalty.FaultTests.Access;
using Loyalty.FaultTests.Endpoints;
using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

/// <summary>The points liability report joins the fuzz and the access matrix like every catalogued call.</summary>
public sealed class ReportFuzzTests
{
    private const string Liability = "GET /api/reports/points-liability";

    [Fact]
    public void The_liability_report_gets_wrong_methods_refused_and_ignored_queries_that_change_nothing()
    {
        var cases = FuzzTargets.Generate(16).Where(c => c.Endpoint == Liability).ToArray();

        var wrong = cases.Where(c => c.Category == HostileCategories.WrongMethod).Select(c => c.Method).Order().ToArray();
        Assert.Equal(["DELETE", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"], wrong);
        Assert.All(cases.Where(c => c.Category == HostileCategories.WrongMethod), c => Assert.Equal(FuzzExpectation.Refused, c.Expected));
        var queries = cases.Where(c => c.Category == HostileCategories.HostileQuery).ToArray();
        Assert.NotEmpty(queries);
        Assert.All(queries, c => Assert.StartsWith("/api/reports/points-liability?", c.PathAndQuery));
    }

    [Fact]
    public void Only_support_and_marketing_keys_read_the_report()
    {
        var report = EndpointCatalog.All.Single(e => e.Key == Liability);

        var allowed = Enum.GetValues<CredentialKind>().Where(k => AccessExpectations.Status(report, k) == 200).Order().ToArray();

        Assert.Equal([CredentialKind.MarketingKey, CredentialKind.SupportKey], allowed);
    }
}
