using System.Data;
using System.Security.Cryptography;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.SignIn;

/// <summary>
/// The table <c>loyalty_signing_key</c>: the secret that signs member tokens when none is configured. The first node
/// to ask creates it (insert if absent); every node reads back the one that won, so a cluster shares one key.
/// </summary>
public sealed class SigningKeyStore
{
    public const string MemberTokensKeyId = "member-tokens";
    private const int SecretBytes = 64;

    private readonly LoyaltyDatabase _database;

    internal SigningKeyStore(LoyaltyDatabase database) => _database = database;

    public async Task<byte[]> GetOrCreateAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await _database.WriteAsync(async () =>
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            await using var command = _database.CreateCommand(connection, """
                INSERT INTO loyalty_signing_key (key_id, secret, created_at) VALUES (@key, @secret, @now)
                ON CONFLICT (key_id) DO NOTHING
                """);
            LoyaltyDatabase.AddParameter(command, "key", keyId, DbType.String);
            LoyaltyDatabase.AddParameter(command, "secret", Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)), DbType.String);
            _database.AddTimestampParameter(command, "now", now);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var read = _database.CreateCommand(connection, "SELECT secret FROM loyalty_signing_key WHERE key_id = @key");
        LoyaltyDatabase.AddParameter(read, "key", keyId, DbType.String);
        var secret = await read.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new InvalidOperationException($"The signing key '{keyId}' could not be read back.");
        return Convert.FromBase64String(secret);
    }
}
