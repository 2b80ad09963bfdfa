using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

public sealed class FuzzVerdictTests
{
    private const string Problem = """{"type":"urn:loyalty:problem:validation","status":400}""";

    private static FuzzCase Case(FuzzExpectation expected, bool refusedBeforeTheEngine = false) =>
        new("POST /x", HostileCategories.WrongType, "test", "POST", "/x", null, null, expected, "M-1", refusedBeforeTheEngine);

    [Fact]
    public void A_server_error_is_always_a_violation()
    {
        Assert.NotNull(FuzzVerdict.Judge(Case(FuzzExpectation.MayBeAccepted), 500, "application/problem+json", Problem).Violation);
    }

    [Fact]
    public void Success_is_a_violation_only_where_the_contract_refuses()
    {
        Assert.NotNull(FuzzVerdict.Judge(Case(FuzzExpectation.Refused), 200, "application/json", "{}").Violation);
        var accepted = FuzzVerdict.Judge(Case(FuzzExpectation.MayBeAccepted), 200, "application/json", "{}");
        Assert.Null(accepted.Violation);
        Assert.True(accepted.Accepted);
    }

    [Fact]
    public void A_refusal_must_be_problem_details_with_a_type()
    {
        Assert.True(FuzzVerdict.Judge(Case(FuzzExpectation.Refused), 400, "application/problem+json", Problem).RefusedWithProblem);
        Assert.NotNull(FuzzVerdict.Judge(Case(FuzzExpectation.Refused), 400, "text/plain", "bad").Violation);
        Assert.NotNull(FuzzVerdict.Judge(Case(FuzzExpectation.Refused), 400, "application/problem+json", """{"title":"x"}""").Violation);
        Assert.NotNull(FuzzVerdict.Judge(Case(FuzzExpectation.Refused), 400, "application/problem+json", "[").Violation);
    }

    [Fact]
    public void A_refusal_whose_status_the_contract_names_must_have_it()
    {
        var tooManyRewards = Case(FuzzExpectation.Refused) with { Status = 422 };
        const string problem = """{"type":"urn:loyalty:problem:too-many-rewards","status":422}""";
        Assert.Null(FuzzVerdict.Judge(tooManyRewards, 422, "application/problem+json", problem).Violation);
        Assert.Equal("400: the contract answers 422", FuzzVerdict.Judge(tooManyRewards, 400, "application/problem+json", Problem).Violation);
    }

    [Fact]
    public void An_empty_refusal_from_the_http_server_is_allowed_only_where_the_case_says_so()
    {
        Assert.NotNull(FuzzVerdict.Judge(Case(FuzzExpectation.Refused), 400, null, "").Violation);
        var early = FuzzVerdict.Judge(Case(FuzzExpectation.Refused, refusedBeforeTheEngine: true), 400, null, "");
        Assert.Null(early.Violation);
        Assert.True(early.RefusedBeforeTheEngine);
    }
}
