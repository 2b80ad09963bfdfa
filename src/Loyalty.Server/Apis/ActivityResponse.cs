using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Loyalty.Domain;
using Loyalty.Grains;

namespace Loyalty.Server.Apis;

public sealed record ActivityEntry(long Sequence, string Kind, DateTimeOffset At, string? TransactionId, string? StoreId,
    long Points, long Balance, decimal? Amount, string Description, JsonObject? Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TillId);

/// <summary>
/// A page of the ledger; pass <see cref="NextBefore"/> as <c>before</c> for the next, older page (null at the first entry).
/// <see cref="MemberId"/>: whose ledger it is (the member merged into, when the one asked for was merged away).
/// </summary>
public sealed record ActivityResponse(IReadOnlyList<ActivityEntry> Entries, long? NextBefore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MemberId = null)
{
    /// <param name="forMember">True when the member reads their own activity: an adjustment's note, and who made a correction (an adjustment, a void, a merge), are for staff only.</param>
    public static ActivityResponse From(ActivityPage page, bool forMember = false) => new(
        page.Entries.Select(e => EntryOf(e, forMember)).ToArray(), page.NextBefore, page.MemberId);

    /// <param name="forMember">As for <see cref="From"/>.</param>
    public static ActivityEntry EntryOf(LedgerEntry e, bool forMember = false) => new(e.Sequence, e.Kind, e.At, e.TransactionId,
        e.StoreId, e.Points, e.Balance, e.Amount, e.Description, Parse(e.Details, forMember), e.TillId);

    /// <summary>The entry's details as JSON, less the request digest the engine keeps for itself.</summary>
    private static JsonObject? Parse(string? details, bool staffOnlyRemoved)
    {
        if (details is null || JsonNode.Parse(details) is not JsonObject node)
            return null;
        node.Remove("fingerprint");
        if (staffOnlyRemoved)
        {
            node.Remove("note");
            node.Remove("by");
        }
        return node;
    }
}
