using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Loyalty.Grains;

namespace Loyalty.Server.Apis;

public sealed record ActivityEntry(long Sequence, string Kind, DateTimeOffset At, string? TransactionId, string? StoreId,
    long Points, long Balance, decimal? Amount, string Description, JsonObject? Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TillId);

/// <summary>A page of the ledger; pass <see cref="NextBefore"/> as <c>before</c> for the next, older page (null at the first entry).</summary>
public sealed record ActivityResponse(IReadOnlyList<ActivityEntry> Entries, long? NextBefore)
{
    public static ActivityResponse From(ActivityPage page) => new(
        page.Entries.Select(e => new ActivityEntry(e.Sequence, e.Kind, e.At, e.TransactionId, e.StoreId, e.Points, e.Balance,
            e.Amount, e.Description, Parse(e.Details), e.TillId)).ToArray(),
        page.NextBefore);

    /// <summary>The entry's details as JSON, less the request digest the engine keeps for itself.</summary>
    private static JsonObject? Parse(string? details)
    {
        if (details is null || JsonNode.Parse(details) is not JsonObject node)
            return null;
        node.Remove("fingerprint");
        return node;
    }
}
