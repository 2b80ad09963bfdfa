using Loyalty.FaultTests.Verification;

namespace Loyalty.FaultTests.Tests;

public sealed class OutcomeTallyTests
{
    [Fact]
    public void Counts_each_outcome_and_the_failures_among_them()
    {
        var tally = new OutcomeTally();
        foreach (var outcome in new[] { "200", "200", "503", "500", "refused", "timeout", "409" })
            tally.Add(outcome);

        Assert.Equal(2, tally["200"]);
        Assert.Equal(0, tally["404"]);
        Assert.Equal(7, tally.Total);
        Assert.Equal(4, tally.Failures); // 503, 500, refused, timeout; a 409 is an answer, not a failure
    }

    [Fact]
    public void Lists_statuses_in_order_then_transport_failures()
    {
        var tally = new OutcomeTally();
        foreach (var outcome in new[] { "timeout", "503", "200", "dropped", "200" })
            tally.Add(outcome);

        Assert.Equal([("200", 2L), ("503", 1L), ("dropped", 1L), ("timeout", 1L)], tally.Sorted);
    }

    [Fact]
    public void Counts_exactly_from_many_threads()
    {
        var tally = new OutcomeTally();

        Parallel.For(0, 10_000, i => tally.Add(i % 2 == 0 ? "200" : "503"));

        Assert.Equal(5_000, tally["200"]);
        Assert.Equal(5_000, tally.Failures);
    }
}
