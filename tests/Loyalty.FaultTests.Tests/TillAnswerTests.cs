using Loyalty.FaultTests.Client;

namespace Loyalty.FaultTests.Tests;

public sealed class TillAnswerTests
{
    [Theory]
    [InlineData(0, "refused", true)]
    [InlineData(0, "timeout", true)]
    [InlineData(503, null, true)]
    [InlineData(500, null, true)]
    [InlineData(200, null, false)]
    [InlineData(409, null, false)]
    [InlineData(404, null, false)]
    public void A_till_sends_again_only_without_an_answer_or_after_a_5xx(int status, string? failure, bool retryable)
    {
        Assert.Equal(retryable, new TillAnswer(status, "", failure).Retryable);
    }

    [Fact]
    public void Is_counted_under_its_status_or_its_transport_failure()
    {
        Assert.Equal("503", new TillAnswer(503, "").Outcome);
        Assert.Equal("refused", new TillAnswer(0, "", "refused").Outcome);
    }

    [Fact]
    public void Recognises_the_problem_type_in_the_body()
    {
        var answer = new TillAnswer(409, """{"type":"urn:loyalty:problem:insufficient-points","status":409}""");

        Assert.True(answer.IsProblem("urn:loyalty:problem:insufficient-points"));
        Assert.False(answer.IsProblem("urn:loyalty:problem:reward-unavailable"));
    }
}
