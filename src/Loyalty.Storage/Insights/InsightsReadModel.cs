using System.Data;
using System.Data.Common;
using System.Text;
using Loyalty.Domain.Insights;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Insights;

/// <summary>The read model's queries (<see cref="InsightsQueries"/>) run against the database.</summary>
internal sealed class InsightsReadModel(LoyaltyDatabase database) : IInsightsReadModel
{
    /// <summary>Distinct spend values read per step while looking for the members who bring a share of the revenue.</summary>
    internal const int SpendGroupsPerStep = 1000;

    public async Task<IReadOnlyList<MonthRetention>> MonthsAsync(int fromMonth, int toMonth, CancellationToken cancellationToken = default) =>
        await ListAsync(InsightsQueries.Months(fromMonth, toMonth),
            r => new MonthRetention(r.GetInt32(0), new RetentionCounts((int)r.GetInt64(1), (int)r.GetInt64(2), (int)r.GetInt64(3))),
            cancellationToken);

    public async Task<AtRiskPage> AtRiskAsync(RiskReasonKind? reason, int limit, int offset, CancellationToken cancellationToken = default)
    {
        var (total, atStake) = await PairAsync(InsightsQueries.AtRiskTotals(reason), cancellationToken);
        var members = await ListAsync(InsightsQueries.AtRiskList(reason, limit, offset),
            r => new AtRiskMember(r.GetString(0), r.GetInt64(1), OptionalTimestamp(r, 2), InsightsJson.Reasons(r.GetString(3))),
            cancellationToken);
        return new AtRiskPage(total, atStake, members);
    }

    public async Task<SpendTotals> SpendTotalsAsync(CancellationToken cancellationToken = default)
    {
        var (members, spend) = await PairAsync(InsightsQueries.SpendTotals(), cancellationToken);
        return new SpendTotals(members, spend);
    }

    public async Task<TopSlice> TopByCountAsync(long count, CancellationToken cancellationToken = default)
    {
        if (count <= 0)
            return new TopSlice(0, 0);
        var (members, spend) = await PairAsync(InsightsQueries.TopByCount(count), cancellationToken);
        return new TopSlice(members, spend);
    }

    public async Task<TopSlice> TopBySpendAsync(long spendCents, CancellationToken cancellationToken = default)
    {
        long count = 0, reached = 0;
        long? below = null;
        while (reached < spendCents)
        {
            var groups = await ListAsync(InsightsQueries.SpendGroups(below, SpendGroupsPerStep), r => (Spend: r.GetInt64(0), Members: r.GetInt64(1)),
                cancellationToken);
            if (groups.Count == 0)
                break;
            foreach (var (spend, members) in groups)
            {
                var missing = spendCents - reached;
                if (spend * members >= missing)
                {
                    var needed = (missing + spend - 1) / spend;
                    return new TopSlice(count + needed, reached + needed * spend);
                }
                count += members;
                reached += spend * members;
            }
            below = groups[^1].Spend;
        }
        return new TopSlice(count, reached);
    }

    public async Task<IReadOnlyList<RankedMember>> RankingAsync(int limit, CancellationToken cancellationToken = default)
    {
        var rank = 0;
        return await ListAsync(InsightsQueries.Ranking(limit), r => new RankedMember(++rank, r.GetString(0), r.GetInt64(1)), cancellationToken);
    }

    public async Task<LostPage> LostAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default)
    {
        var (count, yearly) = await PairAsync(InsightsQueries.LostTotals(from, to), cancellationToken);
        var members = await ListAsync(InsightsQueries.LostList(from, to, limit),
            r => new LostMember(r.GetString(0), OptionalTimestamp(r, 1), database.ReadTimestamp(r, 2), r.GetInt64(3), r.GetInt64(4)),
            cancellationToken);
        return new LostPage(count, yearly, members);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> SegmentMembersAsync(CancellationToken cancellationToken = default)
    {
        var rows = await ListAsync(InsightsQueries.SegmentMembers(), r => (Member: r.GetString(0), Segments: InsightsJson.Segments(r.GetString(1))),
            cancellationToken);
        return rows.ToDictionary(r => r.Member, r => r.Segments, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<string>> TopMemberIdsAsync(long count, CancellationToken cancellationToken = default) =>
        count <= 0 ? [] : await ListAsync(InsightsQueries.TopMemberIds(count), r => r.GetString(0), cancellationToken);

    public async Task<IReadOnlyList<InsightsQueryPlan>> ExplainAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var totals = await SpendTotalsAsync(cancellationToken);
        var batch = await ListAsync(new InsightsStatement("a projector batch",
            $"SELECT member_id FROM loyalty_insights_member ORDER BY member_id LIMIT {InsightsProjector.DefaultBatchSize}", (_, _) => { }),
            r => r.GetString(0), cancellationToken);
        var plans = new List<InsightsQueryPlan>();
        foreach (var statement in InsightsQueries.Examples(asOf, totals, batch, database.Provider))
            plans.Add(new InsightsQueryPlan(statement.Name, statement.Sql, await ExplainAsync(statement, cancellationToken)));
        return plans;
    }

    private async Task<string> ExplainAsync(InsightsStatement statement, CancellationToken cancellationToken)
    {
        var postgres = database.Provider == StorageProvider.PostgreSql;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = statement.Create(database, connection, prefix: postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var plan = new StringBuilder();
        var depth = new Dictionary<long, int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (postgres)
            {
                plan.AppendLine(reader.GetString(0));
                continue;
            }
            // SQLite: id, parent, unused, detail; a step is indented under its parent.
            var level = depth.TryGetValue(reader.GetInt64(1), out var parent) ? parent + 1 : 0;
            depth[reader.GetInt64(0)] = level;
            plan.Append(' ', level * 2).AppendLine(reader.GetString(3));
        }
        return plan.ToString().TrimEnd();
    }

    private async Task<List<T>> ListAsync<T>(InsightsStatement statement, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = statement.Create(database, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(read(reader));
        return rows;
    }

    /// <summary>The two numbers of a count-and-sum query.</summary>
    private async Task<(long, long)> PairAsync(InsightsStatement statement, CancellationToken cancellationToken)
    {
        var rows = await ListAsync(statement, r => (r.GetInt64(0), r.IsDBNull(1) ? 0 : r.GetInt64(1)), cancellationToken);
        return rows.Count == 0 ? (0, 0) : rows[0];
    }

    private DateTimeOffset? OptionalTimestamp(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : database.ReadTimestamp(reader, ordinal);
}
