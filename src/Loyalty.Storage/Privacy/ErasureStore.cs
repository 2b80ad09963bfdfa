using System.Data;
using System.Data.Common;
using Loyalty.Domain.Privacy;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Privacy;

/// <summary>The erasure's statements, in the same SQL for both dialects but for <see cref="RemoveDeletedBytesAsync"/>.</summary>
internal sealed class ErasureStore(LoyaltyDatabase database) : IErasureStore
{
    /// <summary>The tables an erasure writes to (the grain state, the ledger, the identifier and sign-in tables).</summary>
    internal static readonly string[] ChangedTables =
    [
        "loyalty_grain_state", "loyalty_ledger", "loyalty_member_identifiers", "loyalty_sign_in_code", "loyalty_refresh_family",
        "loyalty_pending_due",
    ];

    /// <summary>Checkpoints tried before giving up while readers keep the write-ahead log busy.</summary>
    private const int CheckpointAttempts = 50;

    public async Task<int> EraseLedgerTextsAsync(string memberId, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        var changes = new List<(long Sequence, string Description, string? Details)>();
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            await using var command = database.CreateCommand(connection,
                "SELECT sequence, kind, description, details FROM loyalty_ledger WHERE member_id = @member ORDER BY sequence");
            LoyaltyDatabase.AddParameter(command, "member", memberId, DbType.String);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var description = reader.GetString(2);
                var details = reader.IsDBNull(3) ? null : reader.GetString(3);
                var erasedDescription = ErasedTexts.DescriptionWithout(reader.GetString(1), description, texts);
                var erasedDetails = details is null ? null : ErasedTexts.DetailsWithout(details, texts);
                if (!string.Equals(description, erasedDescription, StringComparison.Ordinal) || !string.Equals(details, erasedDetails, StringComparison.Ordinal))
                    changes.Add((reader.GetInt64(0), erasedDescription, erasedDetails));
            }
        }
        if (changes.Count == 0)
            return 0;
        await database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var (sequence, description, details) in changes)
            {
                await using var update = database.CreateCommand(connection,
                    "UPDATE loyalty_ledger SET description = @description, details = @details WHERE member_id = @member AND sequence = @sequence",
                    transaction);
                LoyaltyDatabase.AddParameter(update, "description", description, DbType.String);
                LoyaltyDatabase.AddParameter(update, "details", details, DbType.String);
                LoyaltyDatabase.AddParameter(update, "member", memberId, DbType.String);
                LoyaltyDatabase.AddParameter(update, "sequence", sequence, DbType.Int64);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
        return changes.Count;
    }

    public Task ForgetLiveRowsAsync(string memberId, IReadOnlyList<string> identifierDigests, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var digest in identifierDigests)
                await ExecuteAsync(connection, transaction, "DELETE FROM loyalty_sign_in_code WHERE identifier_digest = @value", digest, cancellationToken);
            await ExecuteAsync(connection, transaction, "DELETE FROM loyalty_pending_due WHERE member_id = @value", memberId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    public Task RevokeSignInsAsync(string memberId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = database.CreateCommand(connection,
                "UPDATE loyalty_refresh_family SET revoked_at = @now WHERE member_id = @member AND revoked_at IS NULL");
            LoyaltyDatabase.AddParameter(command, "member", memberId, DbType.String);
            database.AddTimestampParameter(command, "now", now);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    public async Task RemoveDeletedBytesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (database.Provider == StorageProvider.PostgreSql)
        {
            // Plain VACUUM: the old row versions go (no lock that would stop the tills); outside any transaction.
            await using var vacuum = database.CreateCommand(connection, "VACUUM " + string.Join(", ", ChangedTables));
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        // TRUNCATE waits (the busy timeout) for readers of the log to finish; a reader arriving meanwhile can still make
        // it answer busy (first column 1): tried again then, until the log is copied into the file and emptied.
        for (var attempt = 1; ; attempt++)
        {
            await using var checkpoint = database.CreateCommand(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            await using var reader = await checkpoint.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || reader.GetInt64(0) == 0)
                return;
            if (attempt == CheckpointAttempts)
                throw new TimeoutException("The write-ahead log stayed busy: it could not be checkpointed after an erasure.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(connection, sql, transaction);
        LoyaltyDatabase.AddParameter(command, "value", value, DbType.String);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
