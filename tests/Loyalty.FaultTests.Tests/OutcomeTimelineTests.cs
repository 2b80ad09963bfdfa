using Loyalty.FaultTests.Verification;

namespace Loyalty.FaultTests.Tests;

public sealed class OutcomeTimelineTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>Calls every second from 0 to 9 s, alternating over nodes 0-2; those at 4-6 s failed.</summary>
    private static OutcomeTimeline OutageFrom4To6()
    {
        var timeline = new OutcomeTimeline();
        for (var second = 0; second < 10; second++)
            timeline.Add(S(second), second % 3, second is < 4 or > 6, second is < 4 or > 6 ? "200" : "503");
        return timeline;
    }

    [Fact]
    public void Counts_failures_sent_in_a_window_from_inclusive_to_exclusive()
    {
        var timeline = OutageFrom4To6();

        Assert.Equal(0, timeline.FailuresBetween(S(0), S(4)));
        Assert.Equal(2, timeline.FailuresBetween(S(4), S(6)));
        Assert.Equal(3, timeline.FailuresBetween(S(0), TimeSpan.MaxValue));
    }

    [Fact]
    public void Steady_success_begins_with_the_call_after_the_last_failure()
    {
        var timeline = OutageFrom4To6();

        Assert.Equal(S(7), timeline.SteadySuccessAfter(S(5)));
        Assert.Equal(S(8), timeline.SteadySuccessAfter(S(8)));
        Assert.Equal(S(7), timeline.FirstSuccessAfter(S(4)));
    }

    [Fact]
    public void A_run_that_ends_failing_never_recovered()
    {
        var timeline = new OutcomeTimeline();
        timeline.Add(S(1), 0, true, "200");
        timeline.Add(S(2), 1, false, "503");

        Assert.Null(timeline.SteadySuccessAfter(S(0)));
        Assert.Null(timeline.FirstSuccessAfter(S(2)));
    }

    [Fact]
    public void Without_a_node_leaves_out_only_its_calls()
    {
        var timeline = new OutcomeTimeline();
        timeline.Add(S(1), 0, true, "200");
        timeline.Add(S(2), 1, false, "refused");
        timeline.Add(S(3), 0, true, "200");
        timeline.Add(S(4), 1, false, "refused");

        var others = timeline.Without(1);

        Assert.Equal(2, others.Count);
        Assert.Equal(0, others.FailuresBetween(S(0), TimeSpan.MaxValue));
        Assert.Equal(S(0), others.SteadySuccessAfter(S(0)));
        Assert.Equal(4, timeline.Count);
    }
}
