using Loyalty.Domain;
using Loyalty.Domain.Insights;
using Loyalty.Storage.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Storage.Tests;

/// <summary>The insights read model on each database: marks, projector batches, replays, rebuild, concurrency, sweep, queries.</summary>
public abstract partial class StorageBehaviour<TFixture>
{
    private static readonly DateTimeOffset AsOf = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private InsightsProjector Projector => Fixture.Services.GetRequiredService<InsightsProjector>();
    private IInsightsReadModel ReadModel => Fixture.Services.GetRequiredService<IInsightsReadModel>();

    /// <summary>Projects until no member is marked; returns the members written.</summary>
    private async Task<int> DrainAsync(DateTimeOffset asOf, BusyMembers? busy = null)
    {
        var written = 0;
        string? after = null;
        for (var steps = 0; steps < 1000; steps++)
        {
            var step = await Projector.ProjectAsync(asOf, after, batchSize: 7, busy: busy);
            written += step.Written;
            if (step.Read == 0 && after is null)
                return written;
            after = step.Read == 0 ? null : step.After;
        }
        throw new InvalidOperationException("The projector did not drain its marks.");
    }

    private async Task<long?> MarkVersionAsync(string memberId)
    {
        await using var connection = await Fixture.Internals.OpenConnectionAsync(CancellationToken.None);
        await using var command = Fixture.Internals.CreateCommand(connection, "SELECT version FROM loyalty_insights_dirty WHERE member_id = @m");
        Storage.Database.LoyaltyDatabase.AddParameter(command, "m", memberId, System.Data.DbType.String);
        return await command.ExecuteScalarAsync() is { } v and not DBNull ? Convert.ToInt64(v) : null;
    }

    /// <summary>Every member row but its revision, and every month, as text: what the insights answer from.</summary>
    private async Task<(List<string> Members, List<string> Months)> SnapshotAsync()
    {
        await using var connection = await Fixture.Internals.OpenConnectionAsync(CancellationToken.None);
        var members = new List<string>();
        await using (var command = Fixture.Internals.CreateCommand(connection,
            "SELECT member_id, facts, evaluated_at, first_order_at, last_order_at, lifetime_orders, lifetime_spend_cents, spend_12m_cents, " +
            "yearly_value_cents, at_risk, lapsed, aov_falling, category_dropped, reasons, value_at_stake_cents, lost_at, segments " +
            "FROM loyalty_insights_member ORDER BY member_id"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                members.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        var months = (await ReadModel.MonthsAsync(0, int.MaxValue)).Select(m => m.ToString()).ToList();
        return (members, months);
    }

    /// <summary>Projects the marked members and checks the read model is as it was.</summary>
    private async Task DrainToTheSameAnswerAsync((List<string> Members, List<string> Months) before)
    {
        await DrainAsync(AsOf);
        var after = await SnapshotAsync();
        Assert.Equal(before.Months, after.Months);
        Assert.Equal(before.Members, after.Members);
    }

    private async Task<Dictionary<int, RetentionCounts>> MonthCountsAsync() =>
        (await ReadModel.MonthsAsync(0, int.MaxValue)).ToDictionary(m => m.Month, m => m.Counts);

    private static Dictionary<int, RetentionCounts> Difference(Dictionary<int, RetentionCounts> after, Dictionary<int, RetentionCounts> before) =>
        after.Keys.Union(before.Keys)
            .Select(m => (m, d: after.GetValueOrDefault(m) - before.GetValueOrDefault(m)))
            .Where(x => !x.d.IsZero).ToDictionary(x => x.m, x => x.d);

    private static Dictionary<int, RetentionCounts> Contributions(IEnumerable<InsightsHistory> members)
    {
        var sum = new Dictionary<int, RetentionCounts>();
        foreach (var (month, counts) in members.SelectMany(m => InsightsRules.ContributionOf(MemberFacts.FromLedger(m.Entries))))
            sum[month] = sum.GetValueOrDefault(month) + counts;
        return sum.Where(x => !x.Value.IsZero).ToDictionary();
    }

    /// <summary>A weekly customer for a year; one who stopped six weeks ago; one whose orders fell to a third; one lost.</summary>
    private static List<InsightsHistory> Customers()
    {
        var steady = new InsightsHistory(NewMemberId(), AsOf).Regular(360, 2, 7, 12.00m);
        var lapsed = new InsightsHistory(NewMemberId(), AsOf).Regular(300, 42, 7, 20.00m);
        var falling = new InsightsHistory(NewMemberId(), AsOf).Regular(180, 91, 7, 30.00m).Regular(84, 0, 7, 10.00m);
        var lost = new InsightsHistory(NewMemberId(), AsOf).Regular(360, 200, 10, 15.00m);
        var refunded = falling.Buy(0.5, 99.00m, "merch", "HOODIE");
        falling.Refund(refunded, 0.25, "HOODIE");
        return [steady, lapsed, falling, lost];
    }

    private async Task AppendAsync(IEnumerable<InsightsHistory> members)
    {
        foreach (var member in members)
            await Fixture.Ledger.AppendAsync(member.MemberId, member.Entries);
    }

    [Fact]
    public async Task Purchases_and_refunds_mark_their_member_in_the_ledger_insert_and_other_entries_do_not()
    {
        var buyer = new InsightsHistory(NewMemberId(), AsOf);
        buyer.Buy(3, 4.50m);
        var enrolledOnly = new InsightsHistory(NewMemberId(), AsOf);

        await Fixture.Ledger.AppendAsync(buyer.MemberId, buyer.Entries);
        await Fixture.Ledger.AppendAsync(enrolledOnly.MemberId, enrolledOnly.Entries);
        var first = await MarkVersionAsync(buyer.MemberId);
        Assert.NotNull(first);
        Assert.Null(await MarkVersionAsync(enrolledOnly.MemberId));

        await Fixture.Ledger.AppendAsync(buyer.MemberId, buyer.Entries); // a replay marks again: the projector finds nothing new
        Assert.Equal(first + 1, await MarkVersionAsync(buyer.MemberId));
    }

    [Fact]
    public async Task The_projector_writes_each_members_evaluation_and_month_counts_and_clears_their_marks()
    {
        await DrainAsync(AsOf);
        var before = await MonthCountsAsync();
        var customers = Customers();
        await AppendAsync(customers);

        Assert.Equal(customers.Count, await DrainAsync(AsOf));

        foreach (var c in customers)
            Assert.Null(await MarkVersionAsync(c.MemberId));
        Assert.Equal(Contributions(customers), Difference(await MonthCountsAsync(), before));

        var atRisk = (await ReadModel.AtRiskAsync(null, 500, 0)).Members.ToDictionary(m => m.MemberId);
        var expected = customers.ToDictionary(c => c.MemberId, c => InsightsRules.Evaluate(MemberFacts.FromLedger(c.Entries), AsOf, new InsightsOptions()));
        foreach (var c in customers)
        {
            var e = expected[c.MemberId];
            Assert.Equal(e.IsAtRisk, atRisk.ContainsKey(c.MemberId));
            if (e.IsAtRisk)
            {
                Assert.Equal(e.ValueAtStakeCents, atRisk[c.MemberId].ValueAtStakeCents);
                Assert.Equal(e.Reasons.Select(r => r.Kind), atRisk[c.MemberId].Reasons.Select(r => r.Kind));
            }
        }
        Assert.Contains(RiskReasonKind.Lapsed, atRisk[customers[1].MemberId].Reasons.Select(r => r.Kind));
        Assert.Contains(RiskReasonKind.AovFalling, atRisk[customers[2].MemberId].Reasons.Select(r => r.Kind));
        Assert.False(atRisk.ContainsKey(customers[0].MemberId));

        var lost = await ReadModel.LostAsync(AsOf.AddMonths(-12), AsOf, 500);
        Assert.Contains(lost.Members, m => m.MemberId == customers[3].MemberId && m.LostAt == expected[customers[3].MemberId].LostAt);
        var segments = await ReadModel.SegmentMembersAsync();
        Assert.Equal(new[] { MemberSegments.AtRisk, MemberSegments.Lapsed }, segments[customers[1].MemberId].Order());
        Assert.False(segments.ContainsKey(customers[0].MemberId));
    }

    [Fact]
    public async Task A_replayed_ledger_entry_changes_nothing()
    {
        var customers = Customers();
        await AppendAsync(customers);
        await DrainAsync(AsOf);
        var before = await SnapshotAsync();

        await AppendAsync(customers);
        await Fixture.Ledger.AppendAsync(customers[2].MemberId, customers[2].Entries.Skip(3).Take(2).ToList());
        Assert.NotNull(await MarkVersionAsync(customers[0].MemberId));
        await DrainToTheSameAnswerAsync(before);
    }

    [Fact]
    public async Task A_rebuild_from_the_ledger_gives_the_same_answer()
    {
        await AppendAsync(Customers());
        await DrainAsync(AsOf);
        var before = await SnapshotAsync();
        Assert.NotEmpty(before.Members);

        await Projector.RebuildAsync();
        Assert.Empty((await SnapshotAsync()).Months);
        await DrainToTheSameAnswerAsync(before);
    }

    [Fact]
    public async Task Projectors_running_side_by_side_never_count_a_member_twice()
    {
        await DrainAsync(AsOf);
        var before = await MonthCountsAsync();
        var customers = Enumerable.Range(0, 6).SelectMany(_ => Customers()).ToList();
        await AppendAsync(customers);

        // Four projectors take the same marks at once; then more sales arrive for some members while they run.
        var racing = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Projector.ProjectAsync(AsOf, null, batchSize: 500))).ToList();
        foreach (var c in customers.Take(5))
        {
            c.Buy(0.1, 5.00m, "pastry");
            await Fixture.Ledger.AppendAsync(c.MemberId, c.Entries);
        }
        await Task.WhenAll(racing);
        await DrainAsync(AsOf);

        Assert.Equal(Contributions(customers), Difference(await MonthCountsAsync(), before));
        foreach (var c in customers)
            Assert.Null(await MarkVersionAsync(c.MemberId));
    }

    [Fact]
    public async Task The_sweep_evaluates_old_rows_again_so_that_time_moves_members_to_lost()
    {
        var member = new InsightsHistory(NewMemberId(), AsOf).Regular(120, 30, 7, 18.00m);
        await AppendAsync([member]);
        await DrainAsync(AsOf);
        var months = await MonthCountsAsync();
        var later = AsOf.AddDays(75);
        Assert.DoesNotContain((await ReadModel.LostAsync(AsOf.AddYears(-1), later, 500)).Members, m => m.MemberId == member.MemberId);

        while ((await Projector.SweepAsync(later)).Read > 0)
        {
        }

        var lost = await ReadModel.LostAsync(AsOf.AddYears(-1), later, 500);
        Assert.Contains(lost.Members, m => m.MemberId == member.MemberId);
        Assert.Equal(months, await MonthCountsAsync());
    }

    [Fact]
    public async Task Top_members_by_share_and_by_revenue_match_the_ranking()
    {
        await AppendAsync(Customers().Concat(Customers()));
        await DrainAsync(AsOf);
        var totals = await ReadModel.SpendTotalsAsync();
        var ranking = await ReadModel.RankingAsync(500);
        Assert.Equal(totals.Members, ranking.Count);
        Assert.Equal(totals.SpendCents, ranking.Sum(r => r.Spend12mCents));
        Assert.Equal(Enumerable.Range(1, ranking.Count), ranking.Select(r => r.Rank));
        Assert.True(ranking.Zip(ranking.Skip(1)).All(p => p.First.Spend12mCents >= p.Second.Spend12mCents));

        var target = (long)Math.Ceiling(totals.SpendCents * 0.8);
        var needed = 0;
        for (long sum = 0; sum < target; needed++)
            sum += ranking[needed].Spend12mCents;
        var bySpend = await ReadModel.TopBySpendAsync(target);
        Assert.Equal(needed, bySpend.Count);
        Assert.Equal(ranking.Take(needed).Sum(r => r.Spend12mCents), bySpend.SpendCents);

        var byCount = await ReadModel.TopByCountAsync(3);
        Assert.Equal(ranking.Take(3).Sum(r => r.Spend12mCents), byCount.SpendCents);
        Assert.Equal(ranking.Take(3).Select(r => r.MemberId), await ReadModel.TopMemberIdsAsync(3));
    }

    [Fact]
    public async Task Every_insights_query_is_explained()
    {
        await AppendAsync(Customers());
        await DrainAsync(AsOf);
        var plans = await ReadModel.ExplainAsync(AsOf);
        Assert.Contains(plans, p => p.Name.StartsWith("retention", StringComparison.Ordinal));
        Assert.All(plans, p => Assert.False(string.IsNullOrWhiteSpace(p.Plan), p.Name));
        if (Fixture.Database.Provider == StorageProvider.Sqlite)
            // SQLite plans by the schema alone; PostgreSQL by its statistics, so that a table this small is read whole
            // (load-tests/insights.sh shows its plans at 1,000,000 members).
            Assert.All(plans.Where(p => p.Sql.Contains("loyalty_insights_member", StringComparison.Ordinal)),
                p => Assert.Contains("_ix", p.Plan, StringComparison.Ordinal));
        else
            Assert.All(plans, p => Assert.Contains("Execution Time", p.Plan, StringComparison.Ordinal));
    }
}
