using Loyalty.Domain;

namespace Loyalty.Grains.Promotions;

/// <summary>A promotion as its audit entries tell it: for one that has left the catalogue's state.</summary>
internal static class PromotionHistory
{
    /// <summary>
    /// The record the entries of one promotion (oldest first) describe: created by the first, as the last left it,
    /// ended by whoever ended it. Null without a <c>created</c> entry.
    /// </summary>
    public static PromotionRecord? Record(IReadOnlyList<PromotionAuditEntry> entries)
    {
        var created = entries.FirstOrDefault(e => e.Action == PromotionCatalogueGrain.Created);
        if (created is null)
            return null;
        var ended = entries.LastOrDefault(e => e.Action == PromotionCatalogueGrain.Ended);
        return new PromotionRecord(entries[^1].Promotion, created.At, created.By, ended?.By);
    }
}
