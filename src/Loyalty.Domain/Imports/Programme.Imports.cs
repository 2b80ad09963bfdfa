using System.Globalization;
using System.Text.Json;
using Loyalty.Domain.Imports;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>
    /// Enrols a member brought in by an import, with their tier and opening balance (an <c>opening-balance</c> entry, its
    /// points in a lot of their own expiry). A member already enrolled is left as it is: skipped when another run (or
    /// the engine) enrolled them, refused as a duplicate when an earlier line of this import did.
    /// </summary>
    public ImportLineOutcome ImportMember(MemberState s, ImportedMember member, string importId, DateTimeOffset now)
    {
        if (s.Enrolled)
            return s.ImportedBy == importId
                ? ImportLineOutcome.Rejected(member.Line, "memberId", $"Member '{member.MemberId}' appears on an earlier line of this file.")
                : ImportLineOutcome.Skipped(member.Line);
        Enrol(s, member.Profile, now);
        s.ImportedBy = importId;
        if (member.EnrolledAt is { } enrolledAt)
            s.EnrolledAt = enrolledAt;
        if (member.Tier is { } tier && TierRank(tier) > 0)
        {
            (s.Tier, s.TierReachedAt) = (tier, now);
            Append(s, LedgerKinds.TierChanged, now, null, null, 0, null, $"Tier {LowestTier} → {tier}",
                JsonSerializer.Serialize(new TierChangeDetails(LowestTier, tier), DetailsJson.Options));
        }
        if (member.Points > 0)
        {
            var expiresOn = member.PointsExpireOn ?? Day(now).AddMonths(_options.PointsExpiryMonths);
            Credit(s, member.Points, expiresOn);
            Append(s, LedgerKinds.OpeningBalance, now, null, null, member.Points, null,
                string.Create(CultureInfo.InvariantCulture, $"Opening balance of {member.Points} points (usable until {expiresOn:yyyy-MM-dd})"),
                JsonSerializer.Serialize(new OpeningBalanceDetails(expiresOn, importId), DetailsJson.Options));
        }
        return ImportLineOutcome.Accepted(member.Line);
    }

    /// <summary>
    /// Records a historical sale brought in by an import (see <see cref="ApplySale"/>): in the member's history as a
    /// <c>purchase</c> with its real <c>occurredAt</c>, so that it counts for the tier, the stamps, the insights and a
    /// refund. A sale already recorded (by an earlier run of the same file) is skipped; one whose transaction id an earlier
    /// line of this import, or a different sale, used is refused. Its record must have been recalled from the ledger first
    /// (see <see cref="TransactionsToRecall"/>).
    /// </summary>
    public ImportLineOutcome ImportSale(MemberState s, ImportedSale sale, SaleImport import, DateTimeOffset now)
    {
        if (s.Transactions.TryGetValue(sale.Purchase.TransactionId, out var known) && known.ImportId == import.ImportId)
            return ImportLineOutcome.Rejected(sale.Line, "transactionId",
                $"Transaction '{sale.Purchase.TransactionId}' of member '{sale.MemberId}' appears on an earlier line of this file.");
        var result = ApplySale(s, sale.Purchase, now, null, import);
        if (result.Rejection is { } rejection)
            return ImportLineOutcome.Rejected(sale.Line, rejection.Code switch
            {
                RejectionCode.NotEnrolled => "memberId",
                RejectionCode.TransactionIdReused => "transactionId",
                RejectionCode.OutsideTransactionWindow => "occurredAt",
                _ => "lines",
            }, rejection.Detail);
        return result.Value!.Duplicate ? ImportLineOutcome.Skipped(sale.Line) : ImportLineOutcome.Accepted(sale.Line);
    }
}
