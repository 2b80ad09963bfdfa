using System.Data;
using Loyalty.Domain;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Liability;

/// <summary>Reads <c>loyalty_liability</c>: a few thousand rows at most, whatever the number of members.</summary>
internal sealed class LiabilityCounters(LoyaltyDatabase database) : ILiabilityCounters
{
    public async Task<IReadOnlyList<LiabilityLine>> ReadAsync(DateOnly from, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.CreateCommand(connection,
            "SELECT kind, expires_on, points FROM loyalty_liability WHERE points <> 0 AND (kind = @debt OR expires_on >= @from)");
        LoyaltyDatabase.AddParameter(command, "debt", LiabilityColumns.Kind(LiabilityKind.Debt), DbType.String);
        LoyaltyDatabase.AddParameter(command, "from", LiabilityColumns.Day(from), DbType.String);
        var lines = new List<LiabilityLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var kind = LiabilityColumns.ParseKind(reader.GetString(0));
            var day = kind == LiabilityKind.Debt ? default : LiabilityColumns.ParseDay(reader.GetString(1));
            lines.Add(new LiabilityLine(new LiabilityKey(kind, day), reader.GetInt64(2)));
        }
        return lines;
    }
}
