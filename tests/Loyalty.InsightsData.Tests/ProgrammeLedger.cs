using Loyalty.Domain;

namespace Loyalty.InsightsData.Tests;

/// <summary>
/// Records a generated member's sales through the real programme, each at the moment it occurred, so that the ledger
/// entries (amounts, details JSON) are the ones the engine writes.
/// </summary>
internal static class ProgrammeLedger
{
    private static readonly Programme Programme = new(ProgrammeOptions.Demo());

    public static IReadOnlyList<LedgerEntry> Record(GeneratedMember member)
    {
        var state = new MemberState();
        var enrolledAt = member.Sales.Count > 0 ? member.Sales[0].OccurredAt.AddDays(-1) : DateTimeOffset.UnixEpoch;
        if (!Programme.Enrol(state, new MemberProfile($"Member {member.MemberId}", null, null), enrolledAt))
            throw new InvalidOperationException($"{member.MemberId} could not be enrolled.");
        foreach (var sale in member.Sales)
        {
            var now = sale.OccurredAt.AddMinutes(1);
            Programme.Advance(state, now);
            var result = Programme.ApplyPurchase(state, new Purchase(sale.TransactionId, sale.StoreId, sale.OccurredAt,
                sale.Lines.Select(l => new PurchaseLine(l.Sku, l.Category, l.Quantity, l.UnitPrice)).ToArray()), now);
            if (!result.IsSuccess)
                throw new InvalidOperationException($"{member.MemberId} {sale.TransactionId}: {result.Rejection}");
        }
        return state.Outbox;
    }
}
