using System.Globalization;
using System.Text;
using Loyalty.Domain;

namespace Loyalty.Domain.Tests;

/// <summary>A textual picture of everything in a member's state, to prove that a command changed nothing.</summary>
internal static class StateSnapshot
{
    public static string Of(MemberState s)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"enrolled={s.Enrolled};tier={s.Tier}@{s.TierReachedAt:O};prev={s.PreviousTier}@{s.PreviousTierReachedAt:O};");
        b.Append(CultureInfo.InvariantCulture, $"debt={s.Debt};seq={s.LastSequence};outbox={s.Outbox.Count};life={s.LifetimeSpend};last={s.LastPurchaseAt:O};");
        foreach (var lot in s.Lots)
            b.Append(CultureInfo.InvariantCulture, $"lot:{lot.ExpiresOn:O}={lot.Points};");
        foreach (var (day, amount) in s.DailySpend.OrderBy(d => d.Key))
            b.Append(CultureInfo.InvariantCulture, $"spend:{day:O}={amount};");
        foreach (var (card, stamps) in s.Stamps.OrderBy(c => c.Key, StringComparer.Ordinal))
            b.Append(CultureInfo.InvariantCulture, $"stamps:{card}={stamps};");
        foreach (var batch in s.RewardBatches)
            for (var i = 0; i < batch.Count; i++)
                b.Append(CultureInfo.InvariantCulture, $"reward:{batch[i].RewardId}@{batch[i].ExpiresAt:O}x{batch[i].Count};");
        foreach (var closed in s.ClosedRewards)
            b.Append(CultureInfo.InvariantCulture, $"closed:{closed.CardId}={closed.Status}@{closed.ClosedOn:O}:{string.Join(',', closed.Numbers)};");
        foreach (var t in s.Transactions.Values.OrderBy(t => t.TransactionId, StringComparer.Ordinal))
        {
            b.Append(CultureInfo.InvariantCulture, $"tx:{t.TransactionId}={t.Fingerprint}");
            if (t.Sale is { } sale)
                b.Append(CultureInfo.InvariantCulture, $"/rev={sale.PointsReversed}/ref={string.Join(',', sale.RefundedQuantities)}");
            b.Append(';');
        }
        return b.ToString();
    }
}
