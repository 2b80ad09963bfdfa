using System.Text.Json;
using Loyalty.Domain;

namespace Loyalty.Grains.Tests;

/// <summary>
/// A member's transactions over a real SQLite ledger: a retry inside the window answers from the ledger however many
/// sales came after it, and an activation reads the ids and times of the window's transactions only, not their entries
/// nor the member's other entries.
/// </summary>
public sealed class TransactionRecallTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IDisposable
{
    public void Dispose() => fixture.LedgerFaults.Reset();

    [Fact]
    public async Task A_retry_after_deactivation_and_many_other_sales_is_a_duplicate_with_the_original_outcome()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var sale = new Purchase("FIRST", "S-01", null, [new PurchaseLine("BOOK", "books", 2, 10m)]);
        var first = (await grain.Purchase(sale)).Value!;
        var max = ProgrammeOptions.Demo().MaxRememberedTransactions;
        for (var i = 0; i < max + 50; i++)
            await grain.Purchase(Commands.Sale($"S-{i}", 1m));
        await fixture.Cluster.DeactivateAsync(grain);
        var points = (await grain.GetAccount())!.Points;

        var retry = await grain.Purchase(sale);
        var reused = await grain.Purchase(sale with { Lines = [new PurchaseLine("BOOK", "books", 3, 10m)] });

        Assert.Equal(Json(first with { Duplicate = true }), Json(retry.Value));
        Assert.Equal(RejectionCode.TransactionIdReused, reused.Rejection!.Code);
        Assert.Equal(points, (await grain.GetAccount())!.Points);
        Assert.Equal(first.PointsEarned / 2, (await grain.Refund(new Refund("BACK", "S-01", "FIRST", [new RefundLine("BOOK", 1)]))).Value!.PointsReversed);
        Assert.Equal(RejectionCode.LineNotRefundable,
            (await grain.Refund(new Refund("BACK-2", "S-01", "FIRST", [new RefundLine("BOOK", 2)]))).Rejection!.Code);
    }

    [Fact]
    public async Task An_activation_reads_the_transactions_of_the_window_and_not_the_club_entries()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var marketing = fixture.Grains.GetGrain<IMemberMarketingGrain>(grain.GetPrimaryKeyString());
        var first = (await grain.Purchase(Commands.Sale("T-1", 5m))).Value!;
        await grain.Purchase(Commands.Sale("T-2", 5m));
        for (var i = 0; i < 500; i++)
        {
            await marketing.JoinClub("spam", null);
            await marketing.LeaveClub("spam", null);
        }
        await fixture.Cluster.DeactivateAsync(grain);

        Interlocked.Exchange(ref fixture.LedgerFaults.RowsRead, 0);
        await grain.GetAccount();
        var read = Interlocked.Read(ref fixture.LedgerFaults.RowsRead);

        Assert.Equal(2, read); // the two sales' ids and times, from the index; no entry in full, none of the 1,000 club entries
        Assert.Equal(Json(first with { Duplicate = true }), Json((await grain.Purchase(Commands.Sale("T-1", 5m))).Value));
    }

    [Fact]
    public async Task The_most_recent_transactions_are_read_back_when_named_after_deactivation_and_apply_once()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var sale = new Purchase("LAST", "S-01", null, [new PurchaseLine("BOOK", "books", 2, 10m)]);
        var first = (await grain.Purchase(sale)).Value!;
        var refund = (await grain.Refund(new Refund("BACK", "S-01", "LAST", [new RefundLine("BOOK", 1)]))).Value!;
        await fixture.Cluster.DeactivateAsync(grain);
        var points = (await grain.GetAccount())!.Points;

        Interlocked.Exchange(ref fixture.LedgerFaults.RowsRead, 0);
        var retry = await grain.Purchase(sale);
        var read = Interlocked.Read(ref fixture.LedgerFaults.RowsRead);

        Assert.InRange(read, 1, 3); // the sale and the refund naming it, read back by id
        Assert.Equal(Json(first with { Duplicate = true }), Json(retry.Value));
        Assert.Equal(Json(refund with { Duplicate = true }),
            Json((await grain.Refund(new Refund("BACK", "S-01", "LAST", [new RefundLine("BOOK", 1)]))).Value));
        Assert.Equal(RejectionCode.LineNotRefundable,
            (await grain.Refund(new Refund("BACK-2", "S-01", "LAST", [new RefundLine("BOOK", 2)]))).Rejection!.Code);
        Assert.Equal(points, (await grain.GetAccount())!.Points);
    }

    [Fact]
    public async Task Transactions_stored_with_the_state_but_not_yet_in_the_ledger_are_recalled_after_reactivation()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var sale = new Purchase("HELD", "S-01", null, [new PurchaseLine("BOOK", "books", 2, 10m)]);
        await grain.Purchase(Commands.Sale("IN-LEDGER", 5m));
        await grain.GetActivity(null, 1); // the ledger has caught up

        fixture.LedgerFaults.FailBeforeWrite = true; // the state is stored, its entries stay in the outbox
        var first = (await grain.Purchase(sale)).Value!;
        var refund = (await grain.Refund(new Refund("BACK", "S-01", "IN-LEDGER", [new RefundLine("ITEM", 1)]))).Value!;
        await fixture.Cluster.DeactivateAsync(grain);
        var points = (await grain.GetAccount())!.Points; // reactivated with the copy to the ledger still failing

        Assert.Equal(Json(first with { Duplicate = true }), Json((await grain.Purchase(sale)).Value));
        Assert.Equal(Json(refund with { Duplicate = true }),
            Json((await grain.Refund(new Refund("BACK", "S-01", "IN-LEDGER", [new RefundLine("ITEM", 1)]))).Value));
        Assert.Equal(RejectionCode.LineNotRefundable,
            (await grain.Refund(new Refund("BACK-2", "S-01", "IN-LEDGER", [new RefundLine("ITEM", 1)]))).Rejection!.Code);
        Assert.Equal(points, (await grain.GetAccount())!.Points);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
