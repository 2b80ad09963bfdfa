using System.Data;
using System.Data.Common;
using Loyalty.Domain.SignIn;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.SignIn;

/// <summary>The tables <c>loyalty_refresh_family</c> (one row per sign-in) and <c>loyalty_refresh_token</c> (by digest).</summary>
public sealed class RefreshTokenStore
{
    private readonly LoyaltyDatabase _database;

    internal RefreshTokenStore(LoyaltyDatabase database) => _database = database;

    /// <summary>Starts a family (a sign-in) for <paramref name="memberId"/>.</summary>
    public Task StartFamilyAsync(string familyId, string memberId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync("INSERT INTO loyalty_refresh_family (family_id, member_id, created_at, revoked_at) VALUES (@family, @member, @now, NULL)",
            command =>
            {
                LoyaltyDatabase.AddParameter(command, "family", familyId, DbType.String);
                LoyaltyDatabase.AddParameter(command, "member", memberId, DbType.String);
                _database.AddTimestampParameter(command, "now", now);
            }, cancellationToken);

    public Task AddAsync(string digest, string familyId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        WriteAsync("INSERT INTO loyalty_refresh_token (token_digest, family_id, expires_at, spent_at) VALUES (@digest, @family, @expires, NULL)",
            command =>
            {
                LoyaltyDatabase.AddParameter(command, "digest", digest, DbType.String);
                LoyaltyDatabase.AddParameter(command, "family", familyId, DbType.String);
                _database.AddTimestampParameter(command, "expires", expiresAt);
            }, cancellationToken);

    public async Task<RefreshToken?> FindAsync(string digest, CancellationToken cancellationToken = default)
    {
        const string Sql = """
            SELECT t.family_id, f.member_id, t.expires_at, t.spent_at, f.revoked_at
            FROM loyalty_refresh_token t JOIN loyalty_refresh_family f ON f.family_id = t.family_id
            WHERE t.token_digest = @digest
            """;
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = _database.CreateCommand(connection, Sql);
        LoyaltyDatabase.AddParameter(command, "digest", digest, DbType.String);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new RefreshToken(digest, reader.GetString(0), reader.GetString(1), _database.ReadTimestamp(reader, 2),
            reader.IsDBNull(3) ? null : _database.ReadTimestamp(reader, 3), !reader.IsDBNull(4));
    }

    /// <summary>Spends the token, once: of two concurrent refreshes with it, exactly one gets true.</summary>
    public async Task<bool> TrySpendAsync(string digest, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await WriteAsync("UPDATE loyalty_refresh_token SET spent_at = @now WHERE token_digest = @digest AND spent_at IS NULL", command =>
        {
            LoyaltyDatabase.AddParameter(command, "digest", digest, DbType.String);
            _database.AddTimestampParameter(command, "now", now);
        }, cancellationToken) == 1;

    /// <summary>Revokes the family if <paramref name="memberId"/> owns it (null: whoever does); true when it was live.</summary>
    public async Task<bool> RevokeFamilyAsync(string familyId, string? memberId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await WriteAsync("""
            UPDATE loyalty_refresh_family SET revoked_at = @now
            WHERE family_id = @family AND revoked_at IS NULL AND (@member IS NULL OR member_id = @member)
            """, command =>
        {
            LoyaltyDatabase.AddParameter(command, "family", familyId, DbType.String);
            LoyaltyDatabase.AddParameter(command, "member", memberId, DbType.String);
            _database.AddTimestampParameter(command, "now", now);
        }, cancellationToken) == 1;

    /// <summary>
    /// The member's sign-ins, oldest first: when each began, when it ended (signed out or revoked; null while not), and
    /// whether it is active at <paramref name="now"/> (not ended, with a refresh token neither spent nor expired).
    /// </summary>
    public async Task<IReadOnlyList<MemberSignIn>> ListForMemberAsync(string memberId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        const string Sql = """
            SELECT f.created_at, f.revoked_at, EXISTS (
                SELECT 1 FROM loyalty_refresh_token t WHERE t.family_id = f.family_id AND t.spent_at IS NULL AND t.expires_at > @now)
            FROM loyalty_refresh_family f
            WHERE f.member_id = @member
            ORDER BY f.created_at, f.family_id
            """;
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = _database.CreateCommand(connection, Sql);
        LoyaltyDatabase.AddParameter(command, "member", memberId, DbType.String);
        _database.AddTimestampParameter(command, "now", now);
        var signIns = new List<MemberSignIn>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var endedAt = reader.IsDBNull(1) ? (DateTimeOffset?)null : _database.ReadTimestamp(reader, 1);
            signIns.Add(new MemberSignIn(_database.ReadTimestamp(reader, 0), endedAt, endedAt is null && reader.GetBoolean(2)));
        }
        return signIns;
    }

    /// <summary>One statement through the database's write gate; the rows it changed.</summary>
    private Task<int> WriteAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        _database.WriteAsync(async () =>
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            await using var command = _database.CreateCommand(connection, sql);
            bind(command);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
}

/// <summary>One sign-in of a member (a refresh token family), without its tokens.</summary>
public sealed record MemberSignIn(DateTimeOffset At, DateTimeOffset? EndedAt, bool Active);
