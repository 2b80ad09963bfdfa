using System.Text.Json;
using Loyalty.Domain;

namespace Loyalty.Grains.Tests;

/// <summary>
/// A member's transactions over a real SQLite ledger: a retry inside the window answers from the ledger however many
/// sales came after it, and an activation reads the window's transactions only, not the member's other entries.
/// </summary>
public sealed class TransactionRecallTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
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

        Assert.InRange(read, 1, 4); // the two sales, each once as an id and once in full; none of the 1,000 club entries
        Assert.Equal(Json(first with { Duplicate = true }), Json((await grain.Purchase(Commands.Sale("T-1", 5m))).Value));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
