using System.Data;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Privacy;

/// <summary>
/// A member's stored state as the grain storage holds it (Orleans binary serializer); <paramref name="StoredKey"/> is
/// the row's key (<see cref="GrainState.StoredGrainKeys"/>), to read the next page after.
/// </summary>
public sealed record StoredMemberState(string MemberId, byte[] Payload, string StoredKey);

/// <summary>
/// Every member's stored state, in member id order, a page at a time: the grain storage table holds one row per member
/// ever enrolled, written with every change of the account, so it is the list of members; each page is one range read
/// of its primary key that starts after the last member of the page before.
/// </summary>
public sealed class MemberStateReader
{
    /// <summary>The state name of the member grain's storage.</summary>
    public const string StateName = "member";

    private readonly LoyaltyDatabase _database;

    internal MemberStateReader(LoyaltyDatabase database) => _database = database;

    /// <summary>
    /// At most <paramref name="limit"/> members of the service <paramref name="serviceId"/> after the row
    /// <paramref name="afterStoredKey"/> (a <see cref="StoredMemberState.StoredKey"/>; from the first when null). Rows an
    /// earlier version stored under a number instead of the member id (an empty key) are left out: the member's next
    /// activation moves its state to a row of its own.
    /// </summary>
    public async Task<IReadOnlyList<StoredMemberState>> ReadAsync(string serviceId, string? afterStoredKey, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var sql = "SELECT grain_key, payload FROM loyalty_grain_state WHERE service_id = @service AND state_name = @state "
                  + "AND grain_key > @after "
                  + "AND payload IS NOT NULL ORDER BY grain_key LIMIT @limit";
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var command = _database.CreateCommand(connection, sql);
        LoyaltyDatabase.AddParameter(command, "service", serviceId, DbType.String);
        LoyaltyDatabase.AddParameter(command, "state", StateName, DbType.String);
        LoyaltyDatabase.AddParameter(command, "after", afterStoredKey ?? "", DbType.String); // '': from the first, old keyless rows left out
        LoyaltyDatabase.AddParameter(command, "limit", limit, DbType.Int32);
        var states = new List<StoredMemberState>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            states.Add(new StoredMemberState(GrainState.StoredGrainKeys.KeyOf(key), (byte[])reader.GetValue(1), key));
        }
        return states;
    }
}
