using Loyalty.Domain;

namespace Loyalty.Grains.Tests;

/// <summary>
/// Refunds of sales older than the transaction window (30 days) but inside the refund window (90 days), on a real
/// cluster over a real SQLite ledger: the sale is read back from the ledger with the refunds that named it. These
/// tests move the programme's clock, so they have a cluster of their own.
/// </summary>
public sealed class RefundWindowTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_refund_60_days_after_the_sale_works_after_a_deactivation_and_never_returns_a_line_twice()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(new Purchase("OLD", "S-01", null, [new PurchaseLine("BOOK", "books", 3, 10m)]));
        await grain.Purchase(Commands.Sale("OTHER", 50m));

        fixture.Time.Advance(TimeSpan.FromDays(40));
        var first = await grain.Refund(new Refund("F-1", "S-01", "OLD", [new RefundLine("BOOK", 1)]));
        Assert.True(first.IsSuccess, first.Rejection?.Detail);
        Assert.Equal(10, first.Value!.PointsReversed);
        fixture.Time.Advance(TimeSpan.FromDays(20));
        await fixture.Cluster.DeactivateAsync(grain);

        var second = await grain.Refund(new Refund("F-2", "S-01", "OLD", [new RefundLine("BOOK", 1)]));
        var tooMany = await grain.Refund(new Refund("F-3", "S-01", "OLD", [new RefundLine("BOOK", 2)])); // F-2 may not be in the ledger yet
        var retry = await grain.Refund(new Refund("F-1", "S-01", "OLD", [new RefundLine("BOOK", 1)])); // F-1 is 20 days old: remembered

        Assert.Equal((10, 60L), (second.Value!.PointsReversed, second.Value.Balance));
        Assert.Equal(RejectionCode.LineNotRefundable, tooMany.Rejection!.Code);
        Assert.True(retry.Value!.Duplicate);
        Assert.Equal(60, (await grain.GetAccount())!.Points);
        var refunds = (await grain.GetActivity(null, 50))!.Entries.Where(e => e.Kind == LedgerKinds.Refund).ToList();
        Assert.Equal(["F-2", "F-1"], refunds.Select(e => e.TransactionId));
    }

    [Fact]
    public async Task A_refund_after_the_refund_window_is_refused_and_changes_nothing()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        await grain.Purchase(new Purchase("OLD", "S-01", null, [new PurchaseLine("BOOK", "books", 1, 10m)]));
        fixture.Time.Advance(TimeSpan.FromDays(91));
        await fixture.Cluster.DeactivateAsync(grain);
        var before = (await grain.GetActivity(null, 50))!.Entries.Count;

        var refused = await grain.Refund(new Refund("F-1", "S-01", "OLD", [new RefundLine("BOOK", 1)]));

        Assert.Equal(RejectionCode.RefundWindowClosed, refused.Rejection!.Code);
        Assert.Contains("90 days", refused.Rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(before, (await grain.GetActivity(null, 50))!.Entries.Count);
    }
}
