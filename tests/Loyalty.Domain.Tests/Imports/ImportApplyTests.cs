using System.Text.Json;
using Loyalty.Domain.Imports;
using Loyalty.Domain.Insights;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests.Imports;

/// <summary>
/// Members and historical sales applied by an import: an opening balance with its expiry, a tier; sales of any age that
/// count for the tier when inside its window, for stamps, the insights and refunds, with points only when awarded;
/// a line already imported by another run skipped, a repeated line of the same import refused.
/// </summary>
public class ImportApplyTests
{
    private static readonly Programme Programme = new(ProgrammeOptions.Demo());

    private static ImportedMember Member(string id = "M-1", long points = 0, DateOnly? expires = null, string? tier = null, long line = 1) =>
        new(line, id, new MemberProfile("Ada", "ada@example.org", null), null, T0.AddYears(-2), points, expires, tier);

    private static ImportedSale Sale(string id, DateTimeOffset occurredAt, params PurchaseLine[] lines) =>
        new(1, "M-1", new Purchase(id, "S-01", occurredAt, lines));

    private static MemberState Enrolled()
    {
        var s = new MemberState();
        Assert.Equal(ImportLineStatus.Accepted, Programme.ImportMember(s, Member(), "I-0", T0).Status);
        return s;
    }

    [Fact]
    public void A_member_comes_in_with_an_opening_balance_of_its_own_expiry_and_a_tier()
    {
        var s = new MemberState();

        var outcome = Programme.ImportMember(s, Member(points: 300, expires: new DateOnly(2026, 9, 30), tier: "Silver"), "I-1", T0);

        Assert.Equal(ImportLineStatus.Accepted, outcome.Status);
        Assert.Equal((300L, "Silver", T0.AddYears(-2)), (s.Balance, s.Tier, s.EnrolledAt));
        Assert.Equal(new DateOnly(2026, 9, 30), Assert.Single(s.Lots).ExpiresOn);
        Assert.Equal([LedgerKinds.Enrolled, LedgerKinds.TierChanged, LedgerKinds.OpeningBalance], s.Outbox.Select(e => e.Kind));
        Assert.Equal(300, s.Outbox[^1].Points);
    }

    [Fact]
    public void An_opening_balance_without_an_expiry_expires_like_earned_points()
    {
        var s = new MemberState();
        Programme.ImportMember(s, Member(points: 10), "I-1", T0);
        Assert.Equal(Day(T0).AddMonths(Programme.Options.PointsExpiryMonths), Assert.Single(s.Lots).ExpiresOn);
    }

    [Fact]
    public void A_member_already_enrolled_is_skipped_by_another_import_and_a_duplicate_in_the_same_import_is_refused()
    {
        var s = new MemberState();
        Programme.ImportMember(s, Member(points: 10), "I-1", T0);
        var entries = s.Outbox.Count;

        var again = Programme.ImportMember(s, Member(points: 10, line: 7), "I-2", T0.AddDays(1));
        var duplicate = Programme.ImportMember(s, Member(points: 99, line: 8), "I-1", T0);

        Assert.Equal(ImportLineStatus.Skipped, again.Status);
        Assert.Equal((ImportLineStatus.Rejected, "memberId", 8L), (duplicate.Status, duplicate.Field, duplicate.Line));
        Assert.Equal((10L, entries), (s.Balance, s.Outbox.Count));
    }

    [Fact]
    public void An_old_sale_counts_for_lifetime_spend_but_not_for_the_tier_and_awards_no_points_unless_asked()
    {
        var s = Enrolled();

        var old = Programme.ImportSale(s, Sale("H-1", T0.AddMonths(-14), Item(600m)), new SaleImport("I-1", false), T0);
        var recent = Programme.ImportSale(s, Sale("H-2", T0.AddMonths(-2), Item(450m)), new SaleImport("I-1", false), T0);

        Assert.Equal((ImportLineStatus.Accepted, ImportLineStatus.Accepted), (old.Status, recent.Status));
        Assert.Equal((1050m, 450m, "Member", 0L), (s.LifetimeSpend, Programme.QualifyingSpend(s, T0), s.Tier, s.Balance));
        var entry = s.Outbox.Last(e => e.Kind == LedgerKinds.Purchase);
        Assert.Equal(T0, entry.At);
        Assert.StartsWith("Imported purchase", entry.Description, StringComparison.Ordinal);
        Assert.Equal(T0.AddMonths(-2), s.LastPurchaseAt);

        Programme.ImportSale(s, Sale("H-3", T0.AddMonths(-1), Item(100m)), new SaleImport("I-1", false), T0);
        Assert.Equal("Silver", s.Tier); // 550 in the last 12 months
    }

    [Fact]
    public void Sales_award_points_when_the_import_asks_and_points_already_expired_expire_at_once()
    {
        var s = Enrolled();

        Programme.ImportSale(s, Sale("H-1", T0.AddDays(-10), Item(40m)), new SaleImport("I-1", true), T0);
        Programme.ImportSale(s, Sale("H-2", T0.AddMonths(-Programme.Options.PointsExpiryMonths).AddDays(-5), Item(30m)), new SaleImport("I-1", true), T0);
        Programme.Advance(s, T0);

        Assert.Equal(40L, s.Balance);
        Assert.Single(s.Outbox, e => e.Kind == LedgerKinds.PointsExpired);
        Assert.Empty(s.PendingLots);
    }

    [Fact]
    public void An_imported_sale_counts_stamps_and_is_refunded_inside_the_refund_window()
    {
        var s = Enrolled();
        Programme.ImportSale(s, Sale("H-1", T0.AddDays(-40), Coffee(3), Item(20m, sku: "MUG")), new SaleImport("I-1", false), T0);
        Assert.Equal(3, s.Stamps["coffee"]);

        var refund = Programme.ApplyRefund(s, new Refund("F-1", "S-01", "H-1", [Back("MUG")]), T0.AddDays(1));

        Assert.True(refund.IsSuccess, refund.Rejection?.Detail);
        Assert.Equal(9.60m, s.LifetimeSpend);
    }

    [Fact]
    public void A_sale_imported_by_another_run_is_skipped_a_repeat_in_the_same_import_refused_and_a_changed_one_refused()
    {
        var s = Enrolled();
        Programme.ImportSale(s, Sale("H-1", T0.AddDays(-40), Item(20m)), new SaleImport("I-1", false), T0);
        var entries = s.Outbox.Count;

        var rerun = Programme.ImportSale(s, Sale("H-1", T0.AddDays(-40), Item(20m)), new SaleImport("I-2", false), T0);
        var repeat = Programme.ImportSale(s, Sale("H-1", T0.AddDays(-40), Item(20m)), new SaleImport("I-1", false), T0);
        var changed = Programme.ImportSale(s, Sale("H-1", T0.AddDays(-40), Item(25m)), new SaleImport("I-2", false), T0);

        Assert.Equal(ImportLineStatus.Skipped, rerun.Status);
        Assert.Equal((ImportLineStatus.Rejected, "transactionId"), (repeat.Status, repeat.Field));
        Assert.Equal((ImportLineStatus.Rejected, "transactionId"), (changed.Status, changed.Field));
        Assert.Equal((entries, 20m), (s.Outbox.Count, s.LifetimeSpend));
    }

    [Fact]
    public void A_sale_read_back_from_the_ledger_keeps_the_import_that_brought_it()
    {
        var s = Enrolled();
        Programme.ImportSale(s, Sale("H-1", T0.AddDays(-400), Item(20m)), new SaleImport("I-1", false), T0);
        var fresh = new MemberState();
        Programme.RecallTransactions(fresh, ["H-1"], s.Outbox.ToArray());

        Assert.Equal("I-1", fresh.Transactions["H-1"].ImportId);
        Assert.Equal(T0.AddDays(-400), fresh.Transactions["H-1"].Sale!.OccurredAt);
    }

    [Fact]
    public void The_insights_see_an_imported_sale_at_the_time_it_occurred()
    {
        var s = Enrolled();
        Programme.ImportSale(s, Sale("H-1", T0.AddDays(-200), Item(20m)), new SaleImport("I-1", false), T0);
        var purchase = s.Outbox.Single(e => e.Kind == LedgerKinds.Purchase);

        using var details = JsonDocument.Parse(purchase.Details!);
        Assert.Equal(T0.AddDays(-200), details.RootElement.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(T0.AddDays(-200), MemberFacts.FromLedger([purchase]).LastOrderAt);
    }
}
