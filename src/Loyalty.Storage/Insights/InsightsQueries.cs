using System.Data;
using Loyalty.Domain.Insights;
using Loyalty.Domain;
using Loyalty.Storage.Database;
using Loyalty.Storage.Ledger;

namespace Loyalty.Storage.Insights;

/// <summary>
/// The read model's queries, the same SQL for both dialects (but for the projector's read of new sales, see
/// <see cref="NewSales"/>), each written to be answered from one index of <c>005-insights.sql</c>. <see cref="Examples"/>
/// lists them all for the query plan report.
/// </summary>
internal static class InsightsQueries
{
    private const string Member = "loyalty_insights_member";

    /// <summary>The ledger kinds the insights read (<see cref="InsightsDirtyMarks.IsSale"/>), as an SQL list.</summary>
    public const string SaleKinds = $"('{LedgerKinds.Purchase}', '{LedgerKinds.Refund}')";

    public static InsightsStatement Months(int from, int to) => new("retention: months",
        "SELECT month, active, retained, new FROM loyalty_insights_month WHERE month >= @from AND month <= @to ORDER BY month",
        (_, c) =>
        {
            LoyaltyDatabase.AddParameter(c, "from", from, DbType.Int32);
            LoyaltyDatabase.AddParameter(c, "to", to, DbType.Int32);
        });

    /// <summary>The flag column of a reason (<c>at_risk</c> for any): each has a partial index of its own.</summary>
    private static string Flag(RiskReasonKind? reason) => reason switch
    {
        null => "at_risk",
        RiskReasonKind.Lapsed => "lapsed",
        RiskReasonKind.AovFalling => "aov_falling",
        RiskReasonKind.CategoryDropped => "category_dropped",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static string Label(RiskReasonKind? reason) => reason is { } r ? RiskReasonNames.NameOf(r) : "any reason";

    public static InsightsStatement AtRiskTotals(RiskReasonKind? reason) => new($"at-risk ({Label(reason)}): count and value at stake",
        $"SELECT count(*), CAST(sum(value_at_stake_cents) AS bigint) FROM {Member} WHERE {Flag(reason)}", (_, _) => { });

    public static InsightsStatement AtRiskList(RiskReasonKind? reason, int limit, int offset) => new($"at-risk ({Label(reason)}): page",
        $"SELECT member_id, value_at_stake_cents, last_order_at, reasons FROM {Member} WHERE {Flag(reason)} " +
        "ORDER BY value_at_stake_cents DESC, member_id LIMIT @limit OFFSET @offset",
        (_, c) =>
        {
            LoyaltyDatabase.AddParameter(c, "limit", limit, DbType.Int32);
            LoyaltyDatabase.AddParameter(c, "offset", offset, DbType.Int32);
        });

    public static InsightsStatement SpendTotals() => new("top members: members with a 12-month spend, and its sum",
        $"SELECT count(*), CAST(sum(spend_12m_cents) AS bigint) FROM {Member} WHERE spend_12m_cents > 0", (_, _) => { });

    public static InsightsStatement TopByCount(long count) => new("top members: spend of the top share",
        $"SELECT count(*), CAST(sum(spend) AS bigint) FROM (SELECT spend_12m_cents AS spend FROM {Member} WHERE spend_12m_cents > 0 " +
        "ORDER BY spend_12m_cents DESC LIMIT @count) top",
        (_, c) => LoyaltyDatabase.AddParameter(c, "count", count, DbType.Int64));

    /// <summary>Distinct 12-month spends below <paramref name="below"/> (all when null), highest first, with their member counts.</summary>
    public static InsightsStatement SpendGroups(long? below, int limit) => new("top members: spend steps for a revenue share",
        $"SELECT spend_12m_cents, count(*) FROM {Member} WHERE spend_12m_cents > 0 AND spend_12m_cents < @below " +
        "GROUP BY spend_12m_cents ORDER BY spend_12m_cents DESC LIMIT @limit",
        (_, c) =>
        {
            LoyaltyDatabase.AddParameter(c, "below", below ?? long.MaxValue, DbType.Int64);
            LoyaltyDatabase.AddParameter(c, "limit", limit, DbType.Int32);
        });

    public static InsightsStatement Ranking(int limit) => new("top members: list",
        $"SELECT member_id, spend_12m_cents FROM {Member} WHERE spend_12m_cents > 0 ORDER BY spend_12m_cents DESC, member_id LIMIT @limit",
        (_, c) => LoyaltyDatabase.AddParameter(c, "limit", limit, DbType.Int32));

    public static InsightsStatement TopMemberIds(long count) => new("segments: the top members",
        $"SELECT member_id FROM {Member} WHERE spend_12m_cents > 0 ORDER BY spend_12m_cents DESC, member_id LIMIT @count",
        (_, c) => LoyaltyDatabase.AddParameter(c, "count", count, DbType.Int64));

    public static InsightsStatement LostTotals(DateTimeOffset from, DateTimeOffset to) => new("lost: count and yearly value",
        $"SELECT count(*), CAST(sum(yearly_value_cents) AS bigint) FROM {Member} WHERE lost_at > @from AND lost_at <= @to",
        (d, c) => Window(d, c, from, to));

    public static InsightsStatement LostList(DateTimeOffset from, DateTimeOffset to, int limit) => new("lost: list",
        $"SELECT member_id, last_order_at, lost_at, yearly_value_cents, lifetime_spend_cents FROM {Member} " +
        "WHERE lost_at > @from AND lost_at <= @to ORDER BY lost_at DESC, member_id DESC LIMIT @limit",
        (d, c) =>
        {
            Window(d, c, from, to);
            LoyaltyDatabase.AddParameter(c, "limit", limit, DbType.Int32);
        });

    public static InsightsStatement SegmentMembers() => new("segments: at-risk and lapsed members",
        $"SELECT member_id, segments FROM {Member} WHERE segments <> ''", (_, _) => { });

    private static void Window(LoyaltyDatabase database, System.Data.Common.DbCommand command, DateTimeOffset from, DateTimeOffset to)
    {
        database.AddTimestampParameter(command, "from", from);
        database.AddTimestampParameter(command, "to", to);
    }

    /// <summary>Every query with the parameters of a typical call at <paramref name="asOf"/> (the API's defaults).</summary>
    /// <summary>
    /// The projector's read of the ledger: the purchases and refunds of a batch of members, each a range of the
    /// ledger's primary key (member, sequence), however long the ledger.
    /// </summary>
    public static InsightsStatement Sales(IReadOnlyList<string> memberIds) => new($"projector: the sales of {memberIds.Count} members from the ledger",
        $"SELECT member_id, {LedgerStore.Columns} FROM loyalty_ledger " +
        $"WHERE member_id IN ({string.Join(", ", memberIds.Select((_, i) => $"@id{i}"))}) " +
        $"AND kind IN {SaleKinds}",
        (_, c) =>
        {
            for (var i = 0; i < memberIds.Count; i++)
                LoyaltyDatabase.AddParameter(c, $"id{i}", memberIds[i], DbType.String);
        });

    /// <summary>
    /// The purchases and refunds of members after the sequence each one's facts reflect, as one range of the ledger's
    /// key each. The second column is 1 for a purchase whose transaction id an earlier purchase of the member has (a
    /// full read counts only the earliest), from the index of transaction ids.
    /// On PostgreSQL each member's range is read on its own (<c>LATERAL</c>, kept from being merged into a join by
    /// <c>OFFSET 0</c>): as a join, on statistics older than a bulk import, it was planned as a parallel scan of the
    /// whole ledger, 367 ms a batch at 912,500 entries, every 2 s while members bought. SQLite's plan is a loop anyway.
    /// </summary>
    public static InsightsStatement NewSales(IReadOnlyList<KeyValuePair<string, long>> after, StorageProvider provider) => new(
        $"projector: the new sales of {after.Count} members from the ledger",
        "WITH w (member_id, after_sequence) AS (VALUES " +
        string.Join(", ", after.Select((_, i) => $"(@id{i}, @after{i})")) + ") " +
        $"SELECT l.member_id, CASE WHEN l.kind = '{LedgerKinds.Purchase}' AND EXISTS (SELECT 1 FROM loyalty_ledger p " +
        $"WHERE p.member_id = l.member_id AND p.transaction_id = l.transaction_id AND p.kind = '{LedgerKinds.Purchase}' " +
        "AND p.sequence < l.sequence) THEN 1 ELSE 0 END, " +
        LedgerColumns("l") +
        (provider == StorageProvider.PostgreSql
            ? $" FROM w CROSS JOIN LATERAL (SELECT e.member_id, {LedgerColumns("e")} " +
              $"FROM loyalty_ledger e WHERE e.member_id = w.member_id AND e.sequence > w.after_sequence AND e.kind IN {SaleKinds} OFFSET 0) l"
            : $" FROM w JOIN loyalty_ledger l ON l.member_id = w.member_id AND l.sequence > w.after_sequence WHERE l.kind IN {SaleKinds}"),
        (_, c) =>
        {
            for (var i = 0; i < after.Count; i++)
            {
                LoyaltyDatabase.AddParameter(c, $"id{i}", after[i].Key, DbType.String);
                LoyaltyDatabase.AddParameter(c, $"after{i}", after[i].Value, DbType.Int64);
            }
        });

    /// <summary>The ledger's columns, each prefixed by <paramref name="alias"/>.</summary>
    private static string LedgerColumns(string alias) => string.Join(", ", LedgerStore.Columns.Split(", ").Select(c => $"{alias}.{c}"));

    /// <summary>
    /// Every statement, with example arguments, for the query plan report; <paramref name="batch"/> is a projector batch
    /// of member ids.
    /// </summary>
    public static IEnumerable<InsightsStatement> Examples(DateTimeOffset asOf, SpendTotals totals, IReadOnlyList<string> batch, StorageProvider provider)
    {
        if (batch.Count > 0)
        {
            yield return Sales(batch);
            yield return NewSales(batch.Select(id => KeyValuePair.Create(id, 0L)).ToList(), provider);
        }
        var month = MemberFacts.MonthIndex(asOf);
        yield return Months(month - 12, month);
        foreach (var reason in new RiskReasonKind?[] { null, RiskReasonKind.Lapsed, RiskReasonKind.AovFalling, RiskReasonKind.CategoryDropped })
        {
            yield return AtRiskTotals(reason);
            yield return AtRiskList(reason, 100, 0);
        }
        yield return AtRiskList(null, 100, 5000);
        var top = (long)Math.Ceiling(totals.Members * 0.2);
        yield return SpendTotals();
        yield return TopByCount(top);
        yield return SpendGroups(null, InsightsReadModel.SpendGroupsPerStep);
        yield return Ranking(100);
        yield return LostTotals(asOf.AddMonths(-12), asOf);
        yield return LostList(asOf.AddMonths(-12), asOf, 100);
        yield return SegmentMembers();
        yield return TopMemberIds(top);
    }
}
