using System.Data;
using System.Data.Common;
using Loyalty.Domain.SignIn;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.SignIn;

/// <summary>
/// The table <c>loyalty_sign_in_code</c>: one live code per identifier digest. Every change is one conditional
/// statement, so that nodes racing on the same identifier neither lose a wrong try nor both use one code.
/// </summary>
public sealed class SignInCodeStore
{
    private readonly LoyaltyDatabase _database;

    internal SignInCodeStore(LoyaltyDatabase database) => _database = database;

    /// <summary>
    /// Keeps <paramref name="code"/> in place of the identifier's previous code, unless the identifier has asked for
    /// <paramref name="perWindow"/> codes in the current <paramref name="window"/>: false then, and nothing changes.
    /// </summary>
    public Task<bool> TryReplaceAsync(SignInCode code, DateTimeOffset now, int perWindow, TimeSpan window, CancellationToken cancellationToken = default)
    {
        const string Sql = """
            INSERT INTO loyalty_sign_in_code AS c
                (identifier_digest, code_digest, salt, expires_at, wrong_tries, window_started_at, requests_in_window)
            VALUES (@identifier, @code, @salt, @expires, 0, @now, 1)
            ON CONFLICT (identifier_digest) DO UPDATE SET
                code_digest = excluded.code_digest, salt = excluded.salt, expires_at = excluded.expires_at, wrong_tries = 0,
                window_started_at = CASE WHEN c.window_started_at <= @windowOver THEN excluded.window_started_at ELSE c.window_started_at END,
                requests_in_window = CASE WHEN c.window_started_at <= @windowOver THEN 1 ELSE c.requests_in_window + 1 END
            WHERE c.window_started_at <= @windowOver OR c.requests_in_window < @perWindow
            """;
        return _database.WriteAsync(async () =>
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            await using var command = _database.CreateCommand(connection, Sql);
            LoyaltyDatabase.AddParameter(command, "identifier", code.IdentifierDigest, DbType.String);
            LoyaltyDatabase.AddParameter(command, "code", code.CodeDigest, DbType.String);
            LoyaltyDatabase.AddParameter(command, "salt", code.Salt, DbType.String);
            _database.AddTimestampParameter(command, "expires", code.ExpiresAt);
            _database.AddTimestampParameter(command, "now", now);
            _database.AddTimestampParameter(command, "windowOver", SignInLimits.WindowOverIfStartedBy(now, window));
            LoyaltyDatabase.AddParameter(command, "perWindow", perWindow, DbType.Int32);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        });
    }

    public async Task<SignInCode?> FindAsync(string identifierDigest, CancellationToken cancellationToken = default)
    {
        const string Sql = "SELECT code_digest, salt, expires_at, wrong_tries FROM loyalty_sign_in_code WHERE identifier_digest = @identifier";
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = _database.CreateCommand(connection, Sql);
        LoyaltyDatabase.AddParameter(command, "identifier", identifierDigest, DbType.String);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new SignInCode(identifierDigest, reader.GetString(0), reader.GetString(1), _database.ReadTimestamp(reader, 2), reader.GetInt32(3));
    }

    /// <summary>
    /// Takes one try of the kept code: counts it as wrong until <see cref="UseAsync"/> says otherwise. False when the
    /// code was replaced, used, expired or out of tries meanwhile.
    /// </summary>
    public Task<bool> TryTakeTryAsync(SignInCode kept, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE loyalty_sign_in_code SET wrong_tries = wrong_tries + 1
            WHERE identifier_digest = @identifier AND code_digest = @code AND wrong_tries < @maxTries AND expires_at > @now
            """, kept, command =>
        {
            LoyaltyDatabase.AddParameter(command, "maxTries", SignInCodes.MaxWrongTries, DbType.Int32);
            _database.AddTimestampParameter(command, "now", now);
        }, cancellationToken);

    /// <summary>Uses the kept code, once: of two callers with the right code, exactly one gets true.</summary>
    public Task<bool> UseAsync(SignInCode kept, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE loyalty_sign_in_code SET code_digest = '', wrong_tries = wrong_tries - 1
            WHERE identifier_digest = @identifier AND code_digest = @code
            """, kept, _ => { }, cancellationToken);

    private Task<bool> ExecuteAsync(string sql, SignInCode kept, Action<DbCommand> parameters, CancellationToken cancellationToken) =>
        _database.WriteAsync(async () =>
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            await using var command = _database.CreateCommand(connection, sql);
            LoyaltyDatabase.AddParameter(command, "identifier", kept.IdentifierDigest, DbType.String);
            LoyaltyDatabase.AddParameter(command, "code", kept.CodeDigest, DbType.String);
            parameters(command);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        });
}
