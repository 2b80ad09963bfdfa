using System.Data;
using System.Data.Common;
using Loyalty.Domain.Identity;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Identity;

/// <summary>
/// The table <c>loyalty_member_identifiers</c>, in the same SQL for both dialects. Its primary key (kind, value) decides
/// who owns an identifier: a claim inserts and does nothing on a conflict, then reads the owner, so that of two nodes
/// claiming the same identifier at the same instant exactly one wins.
/// </summary>
internal sealed class IdentifierStore(LoyaltyDatabase database, TimeProvider clock) : IIdentifierStore
{
    private const string Claim =
        "INSERT INTO loyalty_member_identifiers (kind, value, member_id, bound_at) VALUES (@kind, @value, @member, @at) " +
        "ON CONFLICT (kind, value) DO NOTHING";

    private const string Owner = "SELECT member_id FROM loyalty_member_identifiers WHERE kind = @kind AND value = @value";

    private const string Release = "DELETE FROM loyalty_member_identifiers WHERE kind = @kind AND value = @value AND member_id = @member";

    private const string OfMember = "SELECT kind, value FROM loyalty_member_identifiers WHERE member_id = @member ORDER BY kind, value";

    public async Task<string?> FindMemberAsync(MemberIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await OwnerAsync(connection, identifier, cancellationToken);
    }

    public async Task<bool> TryClaimAsync(MemberIdentifier identifier, string memberId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var owner = await OwnerAsync(connection, identifier, cancellationToken);
        if (owner is null)
        {
            await database.WriteAsync(async () =>
            {
                await using var insert = Command(connection, Claim, identifier, memberId);
                database.AddTimestampParameter(insert, "at", clock.GetUtcNow());
                return await insert.ExecuteNonQueryAsync(cancellationToken);
            });
            owner = await OwnerAsync(connection, identifier, cancellationToken);
        }
        return string.Equals(owner, memberId, StringComparison.Ordinal);
    }

    public async Task<bool> ReleaseAsync(MemberIdentifier identifier, string memberId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await database.WriteAsync(async () =>
        {
            await using var delete = Command(connection, Release, identifier, memberId);
            return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
        });
    }

    public async Task<IReadOnlyList<MemberIdentifier>> ForMemberAsync(string memberId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection, OfMember);
        LoyaltyDatabase.AddParameter(command, "member", memberId, DbType.String);
        var identifiers = new List<MemberIdentifier>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (KindOf(reader.GetString(0)) is { } kind)
                identifiers.Add(new MemberIdentifier(kind, reader.GetString(1)));
        }
        return identifiers;
    }

    private async Task<string?> OwnerAsync(DbConnection connection, MemberIdentifier identifier, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, Owner, identifier, memberId: null);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private DbCommand Command(DbConnection connection, string sql, MemberIdentifier identifier, string? memberId)
    {
        var command = database.CreateCommand(connection, sql);
        LoyaltyDatabase.AddParameter(command, "kind", identifier.Field, DbType.String);
        LoyaltyDatabase.AddParameter(command, "value", identifier.Value, DbType.String);
        if (memberId is not null)
            LoyaltyDatabase.AddParameter(command, "member", memberId, DbType.String);
        return command;
    }

    /// <summary>The <c>kind</c> column holds the identifier's request field (<see cref="MemberIdentifier.Field"/>).</summary>
    private static IdentifierKind? KindOf(string name) => name switch
    {
        "email" => IdentifierKind.Email,
        "phone" => IdentifierKind.Phone,
        "card" => IdentifierKind.Card,
        _ => null,
    };
}
