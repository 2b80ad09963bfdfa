using System.Data;
using System.Data.Common;
using System.Text;
using Loyalty.Domain;
using Loyalty.Domain.Insights;
using Loyalty.Storage.Database;
using Loyalty.Storage.Ledger;

namespace Loyalty.Storage.Insights;

/// <summary>
/// The projector's side of the read model: the marks, the members' sales in the ledger, and the guarded writes of
/// member rows with their month deltas. Same SQL for both dialects.
/// </summary>
internal sealed class InsightsStore(LoyaltyDatabase database)
{
    private const string MemberColumns =
        "evaluated_at, first_order_at, last_order_at, lifetime_orders, lifetime_spend_cents, spend_12m_cents, yearly_value_cents, " +
        "at_risk, lapsed, aov_falling, category_dropped, reasons, value_at_stake_cents, lost_at, segments, facts";

    public LoyaltyDatabase Database => database;

    /// <summary>
    /// At most <paramref name="limit"/> marks, in member id order, after <paramref name="after"/> (from the first when
    /// null). With <paramref name="resting"/>, the marks of busy members evaluated since its time are left out (see
    /// <see cref="BusyMembers"/>).
    /// </summary>
    public async Task<IReadOnlyList<DirtyMark>> ReadDirtyAsync(string? after, int limit,
        (int Orders, DateTimeOffset EvaluatedSince)? resting = null, CancellationToken cancellationToken = default)
    {
        var conditions = new List<string>();
        if (after is not null)
            conditions.Add("member_id > @after");
        if (resting is not null)
            conditions.Add("NOT EXISTS (SELECT 1 FROM loyalty_insights_member m WHERE m.member_id = d.member_id" +
                           " AND m.lifetime_orders >= @busyOrders AND m.evaluated_at >= @evaluatedSince)");
        var sql = "SELECT member_id, version FROM loyalty_insights_dirty d" +
                  (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "") +
                  " ORDER BY member_id LIMIT @limit";
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection, sql);
        LoyaltyDatabase.AddParameter(command, "limit", limit, DbType.Int32);
        if (after is not null)
            LoyaltyDatabase.AddParameter(command, "after", after, DbType.String);
        if (resting is { } rest)
        {
            LoyaltyDatabase.AddParameter(command, "busyOrders", rest.Orders, DbType.Int32);
            database.AddTimestampParameter(command, "evaluatedSince", rest.EvaluatedSince);
        }
        var marks = new List<DirtyMark>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            marks.Add(new DirtyMark(reader.GetString(0), reader.GetInt64(1)));
        return marks;
    }

    /// <summary>The purchases and refunds of each of <paramref name="memberIds"/> (members without any are left out).</summary>
    public async Task<IReadOnlyDictionary<string, List<LedgerEntry>>> ReadSalesAsync(IReadOnlyList<string> memberIds,
        CancellationToken cancellationToken = default)
    {
        var sales = new Dictionary<string, List<LedgerEntry>>(StringComparer.Ordinal);
        if (memberIds.Count == 0)
            return sales;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = InsightsQueries.Sales(memberIds).Create(database, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var member = reader.GetString(0);
            if (!sales.TryGetValue(member, out var entries))
                sales[member] = entries = [];
            entries.Add(LedgerStore.ReadEntry(database, reader, first: 1));
        }
        return sales;
    }

    /// <summary>
    /// The purchases and refunds of each member after the sequence given for it (members without any are left out), and
    /// the members among them with a purchase that repeats the transaction id of an earlier one.
    /// </summary>
    public async Task<NewSales> ReadNewSalesAsync(IReadOnlyList<KeyValuePair<string, long>> after, CancellationToken cancellationToken = default)
    {
        var sales = new NewSales(new Dictionary<string, List<LedgerEntry>>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        if (after.Count == 0)
            return sales;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = InsightsQueries.NewSales(after, database.Provider).Create(database, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var member = reader.GetString(0);
            if (Convert.ToInt64(reader.GetValue(1)) != 0)
                sales.Repeating.Add(member);
            if (!sales.Entries.TryGetValue(member, out var entries))
                sales.Entries[member] = entries = [];
            entries.Add(LedgerStore.ReadEntry(database, reader, first: 2));
        }
        return sales;
    }

    /// <summary>The stored rows of <paramref name="memberIds"/> that exist.</summary>
    public async Task<IReadOnlyDictionary<string, StoredMember>> ReadMembersAsync(IReadOnlyList<string> memberIds,
        CancellationToken cancellationToken = default)
    {
        var members = new Dictionary<string, StoredMember>(StringComparer.Ordinal);
        if (memberIds.Count == 0)
            return members;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection, "");
        command.CommandText = $"SELECT member_id, revision, facts FROM loyalty_insights_member WHERE member_id IN ({InList(command, memberIds)})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            members[reader.GetString(0)] = new StoredMember(reader.GetString(0), reader.GetInt64(1), reader.GetString(2));
        return members;
    }

    /// <summary>At most <paramref name="limit"/> rows evaluated before <paramref name="before"/>, the oldest first.</summary>
    public async Task<IReadOnlyList<StoredMember>> ReadStaleAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection,
            "SELECT member_id, revision, facts FROM loyalty_insights_member WHERE evaluated_at < @before ORDER BY evaluated_at LIMIT @limit");
        database.AddTimestampParameter(command, "before", before);
        LoyaltyDatabase.AddParameter(command, "limit", limit, DbType.Int32);
        var members = new List<StoredMember>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            members.Add(new StoredMember(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        return members;
    }

    /// <summary>
    /// Writes the rows whose guard holds, adds their deltas to the month counts and deletes their unchanged marks, in
    /// one transaction. Returns the ids of the members written; the others were changed by another writer meanwhile.
    /// </summary>
    public Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<InsightsMemberWrite> writes, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<string>>(async () =>
        {
            var written = new List<InsightsMemberWrite>();
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var write in writes.OrderBy(w => w.MemberId, StringComparer.Ordinal))
            {
                await using var command = MemberCommand(connection, transaction, write);
                if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
                    written.Add(write);
            }
            await AddToMonthsAsync(connection, transaction, written, cancellationToken);
            await DeleteMarksAsync(connection, transaction, written.Where(w => w.DirtyVersion is not null).ToList(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return written.Select(w => w.MemberId).ToList();
        });

    private DbCommand MemberCommand(DbConnection connection, DbTransaction transaction, InsightsMemberWrite write)
    {
        const string Values = "@evaluated, @first, @last, @orders, @lifetime, @spend12m, @yearly, @atRisk, @lapsed, @aovFalling, " +
            "@categoryDropped, @reasons, @atStake, @lostAt, @segments, @facts";
        var sql = write.ExpectedRevision is null
            ? $"INSERT INTO loyalty_insights_member (member_id, revision, {MemberColumns}) VALUES (@member, 1, {Values}) " +
              "ON CONFLICT (member_id) DO NOTHING"
            : "UPDATE loyalty_insights_member SET revision = revision + 1, evaluated_at = @evaluated, first_order_at = @first, " +
              "last_order_at = @last, lifetime_orders = @orders, lifetime_spend_cents = @lifetime, spend_12m_cents = @spend12m, " +
              "yearly_value_cents = @yearly, at_risk = @atRisk, lapsed = @lapsed, aov_falling = @aovFalling, " +
              "category_dropped = @categoryDropped, reasons = @reasons, value_at_stake_cents = @atStake, lost_at = @lostAt, " +
              "segments = @segments, facts = @facts WHERE member_id = @member AND revision = @revision";
        var command = database.CreateCommand(connection, sql, transaction);
        var e = write.Evaluation;
        LoyaltyDatabase.AddParameter(command, "member", write.MemberId, DbType.String);
        if (write.ExpectedRevision is { } revision)
            LoyaltyDatabase.AddParameter(command, "revision", revision, DbType.Int64);
        database.AddTimestampParameter(command, "evaluated", write.EvaluatedAt);
        AddOptionalTimestamp(command, "first", e.FirstOrderAt);
        AddOptionalTimestamp(command, "last", e.LastOrderAt);
        LoyaltyDatabase.AddParameter(command, "orders", e.LifetimeOrders, DbType.Int32);
        LoyaltyDatabase.AddParameter(command, "lifetime", e.LifetimeSpendCents, DbType.Int64);
        LoyaltyDatabase.AddParameter(command, "spend12m", e.Spend12mCents, DbType.Int64);
        LoyaltyDatabase.AddParameter(command, "yearly", e.YearlyValueCents, DbType.Int64);
        LoyaltyDatabase.AddParameter(command, "atRisk", e.IsAtRisk, DbType.Boolean);
        LoyaltyDatabase.AddParameter(command, "lapsed", Has(e, RiskReasonKind.Lapsed), DbType.Boolean);
        LoyaltyDatabase.AddParameter(command, "aovFalling", Has(e, RiskReasonKind.AovFalling), DbType.Boolean);
        LoyaltyDatabase.AddParameter(command, "categoryDropped", Has(e, RiskReasonKind.CategoryDropped), DbType.Boolean);
        LoyaltyDatabase.AddParameter(command, "reasons", InsightsJson.Reasons(e.Reasons), DbType.String);
        LoyaltyDatabase.AddParameter(command, "atStake", e.ValueAtStakeCents, DbType.Int64);
        AddOptionalTimestamp(command, "lostAt", e.LostAt);
        LoyaltyDatabase.AddParameter(command, "segments", InsightsJson.Segments(InsightsRules.SegmentsOf(e)), DbType.String);
        LoyaltyDatabase.AddParameter(command, "facts", write.Facts, DbType.String);
        return command;
    }

    private static bool Has(MemberEvaluation evaluation, RiskReasonKind kind) => evaluation.Reasons.Any(r => r.Kind == kind);

    private void AddOptionalTimestamp(DbCommand command, string name, DateTimeOffset? value)
    {
        if (value is { } at)
            database.AddTimestampParameter(command, name, at);
        else
            LoyaltyDatabase.AddParameter(command, name, null,
                database.Provider == StorageProvider.PostgreSql ? DbType.DateTimeOffset : DbType.String);
    }

    private async Task AddToMonthsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<InsightsMemberWrite> written,
        CancellationToken cancellationToken)
    {
        var months = new SortedDictionary<int, RetentionCounts>();
        foreach (var (month, delta) in written.SelectMany(w => w.Delta))
            months[month] = months.GetValueOrDefault(month) + delta;
        foreach (var (month, delta) in months.Where(m => !m.Value.IsZero))
        {
            await using var command = database.CreateCommand(connection,
                "INSERT INTO loyalty_insights_month (month, active, retained, new) VALUES (@month, @active, @retained, @new) " +
                "ON CONFLICT (month) DO UPDATE SET active = loyalty_insights_month.active + excluded.active, " +
                "retained = loyalty_insights_month.retained + excluded.retained, new = loyalty_insights_month.new + excluded.new",
                transaction);
            LoyaltyDatabase.AddParameter(command, "month", month, DbType.Int32);
            LoyaltyDatabase.AddParameter(command, "active", (long)delta.Active, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "retained", (long)delta.Retained, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, "new", (long)delta.New, DbType.Int64);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task DeleteMarksAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<InsightsMemberWrite> written,
        CancellationToken cancellationToken)
    {
        foreach (var chunk in written.Chunk(500))
        {
            await using var command = database.CreateCommand(connection, "", transaction);
            var pairs = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                pairs.Append(i == 0 ? "" : ", ").Append($"(@m{i}, @v{i})");
                LoyaltyDatabase.AddParameter(command, $"m{i}", chunk[i].MemberId, DbType.String);
                LoyaltyDatabase.AddParameter(command, $"v{i}", chunk[i].DirtyVersion!.Value, DbType.Int64);
            }
            // Ledger writers mark members in ordinal order (InsightsDirtyMarks). On PostgreSQL the marks are locked in that
            // same order before they are deleted, so that a writer and the projector never wait for each other in a cycle.
            var lockFirst = database.Provider == StorageProvider.PostgreSql
                ? "SELECT member_id FROM loyalty_insights_dirty WHERE member_id IN (" +
                  string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => $"@m{i}")) +
                  ") ORDER BY member_id COLLATE \"C\" FOR UPDATE; "
                : "";
            command.CommandText = lockFirst + $"DELETE FROM loyalty_insights_dirty WHERE (member_id, version) IN (VALUES {pairs})";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Empties the read model and marks every member with a purchase or refund, in one transaction: the projector then
    /// builds it again from the ledger. On PostgreSQL the transaction first waits for the projector writes under way and
    /// holds off new ones, so none of them lands half in the old read model and half in the new.
    /// </summary>
    public Task RebuildAsync(CancellationToken cancellationToken = default) =>
        database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var statements = new List<string>();
            if (database.Provider == StorageProvider.PostgreSql)
                statements.Add("LOCK TABLE loyalty_insights_member, loyalty_insights_month IN SHARE ROW EXCLUSIVE MODE");
            statements.Add("DELETE FROM loyalty_insights_member");
            statements.Add("DELETE FROM loyalty_insights_month");
            statements.Add("INSERT INTO loyalty_insights_dirty (member_id, version) " +
                $"SELECT DISTINCT member_id, {InsightsDirtyMarks.FirstVersion()} FROM loyalty_ledger WHERE kind IN {InsightsQueries.SaleKinds} " +
                "ON CONFLICT (member_id) DO UPDATE SET version = loyalty_insights_dirty.version + 1");
            foreach (var sql in statements)
            {
                await using var command = database.CreateCommand(connection, sql, transaction, timeoutSeconds: 0);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    /// <summary>Adds one parameter per id and returns their names, comma-separated, for an <c>IN (...)</c> list.</summary>
    private static string InList(DbCommand command, IReadOnlyList<string> ids)
    {
        var names = new StringBuilder();
        for (var i = 0; i < ids.Count; i++)
        {
            names.Append(i == 0 ? "" : ", ").Append($"@id{i}");
            LoyaltyDatabase.AddParameter(command, $"id{i}", ids[i], DbType.String);
        }
        return names.ToString();
    }
}
