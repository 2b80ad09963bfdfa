using System.Text.Json;
using Loyalty.Grains;

namespace Loyalty.Server.Apis;

public sealed record ActivityEntry(long Sequence, string Kind, DateTimeOffset At, string? TransactionId, string? StoreId,
    long Points, long Balance, decimal? Amount, string Description, JsonElement? Details);

/// <summary>A page of the ledger; pass <see cref="NextBefore"/> as <c>before</c> for the next, older page (null at the first entry).</summary>
public sealed record ActivityResponse(IReadOnlyList<ActivityEntry> Entries, long? NextBefore)
{
    public static ActivityResponse From(ActivityPage page) => new(
        page.Entries.Select(e => new ActivityEntry(e.Sequence, e.Kind, e.At, e.TransactionId, e.StoreId, e.Points, e.Balance,
            e.Amount, e.Description, Parse(e.Details))).ToArray(),
        page.NextBefore);

    private static JsonElement? Parse(string? details)
    {
        if (details is null)
            return null;
        using var document = JsonDocument.Parse(details);
        return document.RootElement.Clone();
    }
}
