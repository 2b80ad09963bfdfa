using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Loyalty.Storage.Privacy;

namespace Loyalty.Server.Apis;

/// <summary>
/// A line of the ledger export: an entry as the activity shows it to staff (<see cref="ActivityEntry"/>), with whose it is.
/// </summary>
public sealed record LedgerExportLine(string MemberId, long Sequence, string Kind, DateTimeOffset At, string? TransactionId, string? StoreId,
    long Points, long Balance, decimal? Amount, string Description, JsonObject? Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TillId)
{
    public static LedgerExportLine Of(MemberLedgerEntry line)
    {
        var e = ActivityResponse.EntryOf(line.Entry);
        return new LedgerExportLine(line.MemberId, e.Sequence, e.Kind, e.At, e.TransactionId, e.StoreId, e.Points, e.Balance, e.Amount,
            e.Description, e.Details, e.TillId);
    }
}
