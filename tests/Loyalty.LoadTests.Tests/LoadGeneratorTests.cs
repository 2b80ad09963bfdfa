namespace Loyalty.LoadTests.Tests;

public class ZipfSamplerTests
{
    [Fact]
    public void Probabilities_follow_the_power_law_and_add_up_to_one()
    {
        var zipf = new ZipfSampler(10, 1.0);
        var harmonic = Enumerable.Range(1, 10).Sum(k => 1.0 / k);
        for (var i = 0; i < 10; i++)
            Assert.Equal(1.0 / (i + 1) / harmonic, zipf.Probability(i), 12);
        Assert.Equal(1.0, Enumerable.Range(0, 10).Sum(zipf.Probability), 12);
    }

    [Fact]
    public void Draws_match_the_probabilities()
    {
        var zipf = new ZipfSampler(1000, 1.0);
        var random = new Random(42);
        var counts = new int[1000];
        const int draws = 400_000;
        for (var i = 0; i < draws; i++)
            counts[zipf.Next(random)]++;
        foreach (var index in new[] { 0, 1, 2, 9, 99 })
        {
            var expected = zipf.Probability(index) * draws;
            Assert.InRange(counts[index], expected - 5 * Math.Sqrt(expected), expected + 5 * Math.Sqrt(expected));
        }
        Assert.InRange(counts[0] / (double)counts[1], 1.9, 2.1);
        Assert.True(counts[0] > counts[10] && counts[10] > counts[500]);
    }

    [Fact]
    public void Larger_exponent_concentrates_more_on_the_first_member()
    {
        Assert.True(new ZipfSampler(100, 2.0).Probability(0) > new ZipfSampler(100, 1.0).Probability(0));
        Assert.True(new ZipfSampler(100, 1.0).Probability(0) > new ZipfSampler(100, 0.5).Probability(0));
    }

    [Fact]
    public void Binary_search_returns_the_first_index_whose_cumulative_probability_exceeds_the_draw()
    {
        var zipf = new ZipfSampler(4, 1.0);
        var p0 = zipf.Probability(0);
        Assert.Equal(0, zipf.IndexOf(0.0));
        Assert.Equal(0, zipf.IndexOf(p0 - 1e-9));
        Assert.Equal(1, zipf.IndexOf(p0));
        Assert.Equal(3, zipf.IndexOf(0.999999999));
        Assert.Equal(0, new ZipfSampler(1, 1.0).IndexOf(0.7));
    }

    [Fact]
    public void Same_seed_same_draws()
    {
        var zipf = new ZipfSampler(100_000, 1.2);
        var a = new Random(7);
        var b = new Random(7);
        Assert.Equal(Enumerable.Range(0, 1000).Select(_ => zipf.Next(a)), Enumerable.Range(0, 1000).Select(_ => zipf.Next(b)));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(10, 0.0)]
    [InlineData(10, -1.0)]
    public void Rejects_an_empty_population_or_an_exponent_not_above_zero(int count, double s) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfSampler(count, s));
}

public class OperationMixTests
{
    [Fact]
    public void Parses_the_default()
    {
        var mix = OperationMix.Parse(OperationMix.Default);
        Assert.Equal(new OperationMix(70, 25, 5), mix);
        Assert.Equal(OperationMix.Default, mix.ToString());
    }

    [Fact]
    public void A_kind_left_out_has_weight_zero_and_order_does_not_matter() =>
        Assert.Equal(new OperationMix(3, 0, 1), OperationMix.Parse("redeem=1, purchase=3"));

    [Theory]
    [InlineData("purchase=70,read")]
    [InlineData("purchase=70,refund=5")]
    [InlineData("purchase=-1")]
    [InlineData("purchase=x")]
    [InlineData("purchase=1,purchase=2")]
    [InlineData("purchase=0,read=0")]
    [InlineData("")]
    public void Rejects_bad_mixes(string text) => Assert.Throws<ArgumentException>(() => OperationMix.Parse(text));

    [Fact]
    public void Draws_map_to_operations_by_cumulative_weight()
    {
        var mix = new OperationMix(70, 25, 5);
        Assert.Equal(Operation.Purchase, mix.At(0));
        Assert.Equal(Operation.Purchase, mix.At(69));
        Assert.Equal(Operation.Read, mix.At(70));
        Assert.Equal(Operation.Read, mix.At(94));
        Assert.Equal(Operation.Redeem, mix.At(95));
        Assert.Equal(Operation.Redeem, mix.At(99));
        Assert.Throws<ArgumentOutOfRangeException>(() => mix.At(100));
    }

    [Fact]
    public void Random_draws_follow_the_weights()
    {
        var mix = new OperationMix(70, 25, 5);
        var random = new Random(1);
        var counts = Enumerable.Range(0, 100_000).Select(_ => mix.Next(random)).GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(counts[Operation.Purchase], 69_000, 71_000);
        Assert.InRange(counts[Operation.Read], 24_000, 26_000);
        Assert.InRange(counts[Operation.Redeem], 4_500, 5_500);
    }
}

public class PercentileTests
{
    [Fact]
    public void Nearest_rank_percentiles()
    {
        var summary = LatencySummary.Of(Enumerable.Range(1, 100).Select(i => (double)i).Reverse())!;
        Assert.Equal((100, 1.0, 50.0, 90.0, 99.0, 100.0),
            (summary.Count, summary.Min, summary.Median, summary.P90, summary.P99, summary.Max));
    }

    [Fact]
    public void One_sample_is_every_percentile_and_none_is_no_summary()
    {
        var one = LatencySummary.Of([4.2])!;
        Assert.Equal((4.2, 4.2, 4.2, 4.2), (one.Median, one.P90, one.P99, one.Max));
        Assert.Null(LatencySummary.Of([]));
    }

    [Fact]
    public void Figures_leave_out_the_warmup_count_expected_conflicts_and_split_errors_by_kind()
    {
        Sample S(Operation op, SampleOutcome outcome, double start, double latencyMs, int status = 200, string? exception = null) =>
            new(op, outcome, status, exception, start, start + latencyMs / 1000);
        var samples = new[]
        {
            S(Operation.Purchase, SampleOutcome.Ok, 0.5, 999),
            S(Operation.Purchase, SampleOutcome.Ok, 1.1, 10),
            S(Operation.Purchase, SampleOutcome.Ok, 1.2, 20),
            S(Operation.Redeem, SampleOutcome.Expected, 2.1, 5, 409),
            S(Operation.Read, SampleOutcome.Error, 2.2, 1, 500),
            S(Operation.Read, SampleOutcome.Error, 2.3, 1, 0, "HttpRequestException"),
            S(Operation.Read, SampleOutcome.Dropped, 2.4, 0, 0),
        };
        var figures = LoadFigures.From(samples, warmupSeconds: 1, durationSeconds: 2);

        Assert.Equal(6, figures.Overall.Requests);
        Assert.Equal(1.5, figures.Throughput);
        Assert.Equal(20, figures.Operations["purchase"].Latency!.Max);
        Assert.Equal(1, figures.Operations["redeem"].Expected);
        Assert.Equal(0, figures.Operations["redeem"].Errors);
        Assert.Equal(1, figures.Overall.Dropped);
        Assert.Equal(new Dictionary<string, long> { ["read 500"] = 1, ["read HttpRequestException"] = 1 }, figures.Errors);
        Assert.Equal([2L, 1L], figures.Timeline.Select(p => p.Completed));
        Assert.Equal([0L, 2L], figures.Timeline.Select(p => p.Errors));
        Assert.Equal(20, figures.Timeline[0].Max);
    }
}

public class OpenLoopScheduleTests
{
    [Fact]
    public void Request_i_is_due_at_i_over_the_rate()
    {
        Assert.Equal(0.0, OpenLoopSchedule.IntendedOffset(0, 300));
        Assert.Equal(1.0, OpenLoopSchedule.IntendedOffset(300, 300), 12);
        Assert.Equal(0.25, OpenLoopSchedule.IntendedOffset(25, 100), 12);
    }

    [Fact]
    public void Requests_due_by_a_time_include_the_one_due_at_it()
    {
        Assert.Equal(0, OpenLoopSchedule.DueCount(-0.1, 100));
        Assert.Equal(1, OpenLoopSchedule.DueCount(0, 100));
        Assert.Equal(1, OpenLoopSchedule.DueCount(0.0099, 100));
        Assert.Equal(2, OpenLoopSchedule.DueCount(0.01, 100));
        Assert.Equal(100, OpenLoopSchedule.DueCount(0.999, 100));
        Assert.Equal(301, OpenLoopSchedule.DueCount(1.0, 300));
    }

    [Fact]
    public void A_run_sends_rate_times_seconds_requests_and_falling_behind_makes_them_due_at_once()
    {
        Assert.Equal(6000, OpenLoopSchedule.Total(20, 300));
        Assert.Equal(4, OpenLoopSchedule.Total(1.5, 2.5));
        Assert.Equal(51, OpenLoopSchedule.DueCount(0.5, 100) - OpenLoopSchedule.DueCount(0, 100) + 1);
    }
}

public class ArgumentsTests
{
    [Fact]
    public void Load_defaults()
    {
        var load = Arguments.Parse(["load", "--seed", "3"]).Load!;
        Assert.Equal((100_000, 16, MemberDistribution.Uniform, 3, (int?)null, 30.0, 5.0),
            (load.Members, load.Workers, load.Distribution, load.Seed, load.Rate, load.Duration.TotalSeconds, load.WarmupTime.TotalSeconds));
    }

    [Theory]
    [InlineData("load", "--url", "http://example.com:5080")]
    [InlineData("load", "--rate", "100", "--concurrency", "4")]
    [InlineData("load", "--zipf-s", "1.1")]
    [InlineData("load", "--distribution", "zipf", "--zipf-s", "0")]
    [InlineData("load", "--population-id", "a b")]
    [InlineData("load", "--duration", "0")]
    [InlineData("hot", "--members", "10")]
    [InlineData("latency", "--tills", "4")]
    [InlineData("lookup", "--path", "/health/live")]
    [InlineData("lookup", "--count", "0")]
    public void Rejects(params string[] args) => Assert.Throws<ArgumentException>(() => Arguments.Parse(args));

    [Fact]
    public void Lookup_counts_its_calls_and_warm_up()
    {
        var lookup = Arguments.Parse(["lookup", "--count", "1000"]);
        Assert.Equal((Scenario.Lookup, 1000, 100, (LoadOptions?)null), (lookup.Scenario, lookup.Count, lookup.Warmup, lookup.Load));
    }

    [Fact]
    public void Open_loop_and_hot()
    {
        var open = Arguments.Parse(["load", "--rate", "300", "--distribution", "zipf", "--zipf-s", "1.2", "--mix", "read=1"]).Load!;
        Assert.Equal((300, 1.2, new OperationMix(0, 1, 0)), (open.Rate, open.ZipfS, open.Mix));
        var hot = Arguments.Parse(["hot", "--tills", "4"]).Load!;
        Assert.Equal((1, 4, OperationMix.PurchasesOnly, (string?)null), (hot.Members, hot.Workers, hot.Mix, hot.PopulationId));
    }

    [Fact]
    public void Hot_runs_in_a_row_can_share_their_member()
    {
        Assert.Equal("h1", Arguments.Parse(["hot", "--population-id", "h1"]).Load!.PopulationId);
        Assert.Throws<ArgumentException>(() => Arguments.Parse(["hot", "--population-id", "a b"]));
    }
}
