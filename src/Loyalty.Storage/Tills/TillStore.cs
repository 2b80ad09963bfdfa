using System.Data;
using System.Data.Common;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Tills;

/// <summary>The tills' tables, in the same SQL for both dialects.</summary>
internal sealed class TillStore(LoyaltyDatabase database) : ITillStore
{
    public Task EnrolAsync(EnrolledTill till, string keyDigest, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = database.CreateCommand(connection,
                "INSERT INTO loyalty_tills (till_id, name, store_id, key_digest, created_at) VALUES (@till, @name, @store, @digest, @at)");
            LoyaltyDatabase.AddParameter(command, "till", till.TillId, DbType.String);
            LoyaltyDatabase.AddParameter(command, "name", till.Name, DbType.String);
            LoyaltyDatabase.AddParameter(command, "store", till.StoreId, DbType.String);
            LoyaltyDatabase.AddParameter(command, "digest", keyDigest, DbType.String);
            database.AddTimestampParameter(command, "at", till.CreatedAt);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    public async Task<IReadOnlyList<EnrolledTill>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection,
            "SELECT till_id, name, store_id, created_at, revoked_at FROM loyalty_tills ORDER BY created_at, till_id");
        var tills = new List<EnrolledTill>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            tills.Add(new EnrolledTill(reader.GetString(0), reader.GetString(1), reader.GetString(2), database.ReadTimestamp(reader, 3),
                reader.IsDBNull(4) ? null : database.ReadTimestamp(reader, 4)));
        return tills;
    }

    public Task<bool> RevokeAsync(string tillId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = database.CreateCommand(connection,
                "UPDATE loyalty_tills SET revoked_at = COALESCE(revoked_at, @at) WHERE till_id = @till");
            LoyaltyDatabase.AddParameter(command, "till", tillId, DbType.String);
            database.AddTimestampParameter(command, "at", at);
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        });

    public Task AddSessionAsync(string tillId, string tokenDigest, DateTimeOffset createdAt, DateTimeOffset expiresAt,
        CancellationToken cancellationToken = default) =>
        database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var forget = database.CreateCommand(connection,
                "DELETE FROM loyalty_till_sessions WHERE till_id = @till AND expires_at < @at", transaction))
            {
                LoyaltyDatabase.AddParameter(forget, "till", tillId, DbType.String);
                database.AddTimestampParameter(forget, "at", createdAt);
                await forget.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var add = database.CreateCommand(connection,
                "INSERT INTO loyalty_till_sessions (token_digest, till_id, created_at, expires_at) VALUES (@digest, @till, @at, @expires)", transaction))
            {
                LoyaltyDatabase.AddParameter(add, "digest", tokenDigest, DbType.String);
                LoyaltyDatabase.AddParameter(add, "till", tillId, DbType.String);
                database.AddTimestampParameter(add, "at", createdAt);
                database.AddTimestampParameter(add, "expires", expiresAt);
                await add.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    public async Task<IReadOnlyList<TillCredential>> ActiveCredentialsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        const string Sql =
            "SELECT t.key_digest, t.till_id, t.name, t.store_id, NULL FROM loyalty_tills t WHERE t.revoked_at IS NULL " +
            "UNION ALL " +
            "SELECT s.token_digest, t.till_id, t.name, t.store_id, s.expires_at FROM loyalty_till_sessions s " +
            "JOIN loyalty_tills t ON t.till_id = s.till_id WHERE t.revoked_at IS NULL AND s.expires_at > @now";
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection, Sql);
        database.AddTimestampParameter(command, "now", now);
        var credentials = new List<TillCredential>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            credentials.Add(Read(reader));
        return credentials;
    }

    private TillCredential Read(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2),
        reader.GetString(3), reader.IsDBNull(4) ? null : database.ReadTimestamp(reader, 4));
}
