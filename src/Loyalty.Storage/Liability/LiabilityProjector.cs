using System.Data;
using System.Data.Common;
using System.Text;
using Loyalty.Domain;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Liability;

/// <summary>What one projector step did: the due members it read, those it counted, and where the next step goes on.</summary>
/// <param name="Read">Due members read.</param>
/// <param name="Counted">Members whose changes were added to the counters; the others were counted by another projector meanwhile.</param>
/// <param name="After">The last member id read: the next batch starts after it (null: from the first).</param>
public sealed record LiabilityStep(int Read, int Counted, string? After);

/// <summary>
/// Keeps the liability counters (<c>loyalty_liability</c>) from the ledger. A step reads a batch of due members (their
/// liability row is behind what was written) with their entries since they were last counted, then, in one
/// transaction, moves each member's <c>projected_sequence</c> on, only from the value it read, and adds the changes of
/// the members it moved to the counters. A projector that runs twice, side by side or again after a crash, therefore
/// counts every change once: the second finds the members moved already and adds nothing for them.
/// </summary>
public sealed class LiabilityProjector
{
    /// <summary>Members per batch.</summary>
    public const int DefaultBatchSize = 500;

    private readonly LoyaltyDatabase _database;

    internal LiabilityProjector(LoyaltyDatabase database) => _database = database;

    /// <summary>Counts at most <paramref name="batchSize"/> due members, those after <paramref name="after"/> in member id order.</summary>
    public async Task<LiabilityStep> ProjectAsync(string? after = null, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        var due = await ReadDueAsync(after, batchSize, cancellationToken);
        if (due.Count == 0)
            return new LiabilityStep(0, 0, null);
        var counted = await CountAsync(due, cancellationToken);
        return new LiabilityStep(due.Count, counted, due[^1].MemberId);
    }

    /// <summary>Counts every due member now; returns how many were counted.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var (counted, after) = (0, (string?)null);
        while (true)
        {
            var step = await ProjectAsync(after, DefaultBatchSize, cancellationToken);
            counted += step.Counted;
            if (step.Read == 0 && after is null)
                return counted;
            after = step.Read < DefaultBatchSize ? null : step.After;
        }
    }

    /// <summary>
    /// A due member: counted up to <paramref name="From"/>; its entries after that, without a gap, reach
    /// <paramref name="To"/> and change the liability by <paramref name="Change"/>.
    /// </summary>
    internal sealed record DueMember(string MemberId, long From, long To, LiabilityChange? Change);

    /// <summary>
    /// The due members of a batch (after <c>@after</c> when <paramref name="after"/>, at most <c>@limit</c>) and their
    /// entries since they were last counted. PostgreSQL: the entries are read member by member (LATERAL), each by the
    /// ledger's primary key. As a plain join it was planned, on statistics from before a mass enrolment (every member
    /// due), as a scan of the whole ledger: 51 ms a batch at 127,000 entries, growing with the ledger. OFFSET 0 keeps the
    /// planner from merging the LATERAL subquery into a join, which it otherwise may, and then plans that scan again.
    /// </summary>
    internal static string DueQuery(StorageProvider provider, bool after)
    {
        var entries = provider == StorageProvider.PostgreSql
            ? "CROSS JOIN LATERAL (SELECT e.sequence, e.liability FROM loyalty_ledger e WHERE e.member_id = d.member_id " +
              "AND e.sequence > d.projected_sequence AND e.sequence <= d.written_sequence OFFSET 0) l "
            : "JOIN loyalty_ledger l ON l.member_id = d.member_id AND l.sequence > d.projected_sequence AND l.sequence <= d.written_sequence ";
        return "SELECT d.member_id, d.projected_sequence, l.sequence, l.liability FROM (" +
               "SELECT member_id, projected_sequence, written_sequence FROM loyalty_liability_members " +
               "WHERE written_sequence > projected_sequence" + (after ? " AND member_id > @after" : "") +
               " ORDER BY member_id LIMIT @limit) d " + entries +
               "ORDER BY d.member_id, l.sequence";
    }

    /// <summary>The first step: the due members of a batch and their entries since they were last counted, in one statement.</summary>
    internal async Task<IReadOnlyList<DueMember>> ReadDueAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        var sql = DueQuery(_database.Provider, after is not null);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = _database.CreateCommand(connection, sql);
        LoyaltyDatabase.AddParameter(command, "limit", limit, DbType.Int32);
        if (after is not null)
            LoyaltyDatabase.AddParameter(command, "after", after, DbType.String);
        var due = new List<DueMember>();
        DueMember? current = null;
        var gap = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (member, sequence) = (reader.GetString(0), reader.GetInt64(2));
            if (current?.MemberId != member)
            {
                if (current is not null)
                    due.Add(current);
                current = new DueMember(member, reader.GetInt64(1), reader.GetInt64(1), null);
                gap = false;
            }
            // Entries go to the ledger in order; should one be missing all the same, the member is counted up to it only.
            if (gap || sequence != current.To + 1)
            {
                gap = true;
                continue;
            }
            var change = reader.IsDBNull(3) ? null : LiabilityChange.FromJson(reader.GetString(3));
            current = current with { To = sequence, Change = LiabilityChange.Combine(current.Change, change) };
        }
        if (current is not null)
            due.Add(current);
        return due;
    }

    /// <summary>The second step, in one transaction: moves the members on from where they were read, and counts those it moved.</summary>
    internal Task<int> CountAsync(IReadOnlyList<DueMember> due, CancellationToken cancellationToken)
    {
        var moving = due.Where(d => d.To > d.From).OrderBy(d => d.MemberId, StringComparer.Ordinal).ToList();
        if (moving.Count == 0)
            return Task.FromResult(0);
        return _database.WriteAsync(async () =>
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var moved = await MoveAsync(connection, transaction, moving, cancellationToken);
            var sum = new Dictionary<LiabilityKey, long>();
            foreach (var line in moving.Where(d => moved.Contains(d.MemberId)).SelectMany(d => d.Change?.Lines ?? []))
                sum[line.Key] = checked(sum.GetValueOrDefault(line.Key) + line.Points);
            await AddToCountersAsync(connection, transaction, LiabilityChange.Of(sum), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return moved.Count;
        });
    }

    private async Task<HashSet<string>> MoveAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<DueMember> moving,
        CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(connection, "", transaction);
        var values = new StringBuilder();
        for (var i = 0; i < moving.Count; i++)
        {
            values.Append(i == 0 ? "" : ", ").Append($"(@m{i}, @f{i}, @t{i})");
            LoyaltyDatabase.AddParameter(command, $"m{i}", moving[i].MemberId, DbType.String);
            LoyaltyDatabase.AddParameter(command, $"f{i}", moving[i].From, DbType.Int64);
            LoyaltyDatabase.AddParameter(command, $"t{i}", moving[i].To, DbType.Int64);
        }
        // Ledger writers mark members in ordinal order (LiabilityMarks). On PostgreSQL the rows are locked in that same
        // order before they are updated, so that a writer and the projector never wait for each other in a cycle.
        var lockFirst = _database.Provider == StorageProvider.PostgreSql
            ? "SELECT member_id FROM loyalty_liability_members WHERE member_id IN (" +
              string.Join(", ", Enumerable.Range(0, moving.Count).Select(i => $"@m{i}")) +
              ") ORDER BY member_id COLLATE \"C\" FOR UPDATE; "
            : "";
        command.CommandText = lockFirst +
            $"WITH v (member_id, from_sequence, to_sequence) AS (VALUES {values}) " +
            "UPDATE loyalty_liability_members SET projected_sequence = v.to_sequence FROM v " +
            "WHERE loyalty_liability_members.member_id = v.member_id AND loyalty_liability_members.projected_sequence = v.from_sequence " +
            "RETURNING loyalty_liability_members.member_id";
        var moved = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (lockFirst.Length > 0)
            await reader.NextResultAsync(cancellationToken); // the locked rows: not the ones moved
        while (await reader.ReadAsync(cancellationToken))
            moved.Add(reader.GetString(0));
        return moved;
    }

    private async Task AddToCountersAsync(DbConnection connection, DbTransaction transaction, LiabilityChange? change,
        CancellationToken cancellationToken)
    {
        if (change is null)
            return;
        await using var command = _database.CreateCommand(connection, "", transaction);
        var values = new StringBuilder();
        for (var i = 0; i < change.Lines.Count; i++)
        {
            var line = change.Lines[i];
            values.Append(i == 0 ? "" : ", ").Append($"(@k{i}, @d{i}, @p{i})");
            LoyaltyDatabase.AddParameter(command, $"k{i}", LiabilityColumns.Kind(line.Key.Kind), DbType.String);
            LoyaltyDatabase.AddParameter(command, $"d{i}", LiabilityColumns.Day(line.Key), DbType.String);
            LoyaltyDatabase.AddParameter(command, $"p{i}", line.Points, DbType.Int64);
        }
        command.CommandText = $"INSERT INTO loyalty_liability (kind, expires_on, points) VALUES {values} " +
                              "ON CONFLICT (kind, expires_on) DO UPDATE SET points = loyalty_liability.points + excluded.points";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
