using Loyalty.Domain;

namespace Loyalty.Grains.Tests;

/// <summary>The ledger holds every event exactly once, whatever fails between the state write and the ledger copy.</summary>
public sealed class LedgerOutboxTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IDisposable
{
    public void Dispose()
    {
        fixture.LedgerFaults.Reset();
        fixture.StorageFaults.FailWrites = false;
    }

    [Fact]
    public async Task Activity_pages_newest_first_down_to_the_first_entry()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        for (var i = 1; i <= 12; i++)
            await grain.Purchase(Commands.Sale($"T-{i}", i));

        var sequences = new List<long>();
        long? before = null;
        do
        {
            var page = await grain.GetActivity(before, 5);
            sequences.AddRange(page!.Entries.Select(e => e.Sequence));
            before = page.NextBefore;
        } while (before is not null);

        Assert.Equal(Enumerable.Range(1, 13).Reverse().Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task Entries_held_back_by_a_failing_ledger_arrive_exactly_once_after_reactivation()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var memberId = grain.GetPrimaryKeyString();
        await grain.GetActivity(null, 1); // the enrolment entry is in the ledger

        fixture.LedgerFaults.FailBeforeWrite = true;
        for (var i = 1; i <= 5; i++)
            Assert.True((await grain.Purchase(Commands.Sale($"T-{i}", 10m))).IsSuccess);
        Assert.Single(await fixture.Ledger.ReadAsync(memberId, null, 100));

        await fixture.Cluster.DeactivateAsync(grain);
        fixture.LedgerFaults.Reset();

        Assert.Equal(50, (await grain.GetAccount())!.Points);
        var page = await grain.GetActivity(null, 100);
        Assert.Equal(Enumerable.Range(1, 6).Reverse().Select(i => (long)i), page!.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Entries_sent_twice_because_the_acknowledgement_was_lost_are_stored_once()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        fixture.LedgerFaults.FailAfterWrite = true;
        await grain.Purchase(Commands.Sale("T-1", 10m));
        await grain.Purchase(Commands.Sale("T-2", 10m));
        await fixture.Cluster.DeactivateAsync(grain);
        fixture.LedgerFaults.Reset();

        var page = await grain.GetActivity(null, 100);

        Assert.Equal([3L, 2L, 1L], page!.Entries.Select(e => e.Sequence));
        Assert.Equal([20L, 10L, 0L], page.Entries.Select(e => e.Balance));
    }

    [Fact]
    public async Task A_failed_commands_entry_never_reaches_the_ledger_while_a_slow_copy_spans_the_reload()
    {
        var grain = await Commands.EnrolledAsync(fixture.Grains);
        var memberId = grain.GetPrimaryKeyString();
        await grain.GetActivity(null, 1); // the enrolment entry (1) is in the ledger

        var ledger = fixture.LedgerFaults.Hold();
        Assert.True((await grain.Purchase(Commands.Sale("T-1", 10m))).IsSuccess); // stored: entry 2, its copy held
        await ledger.Reached;
        fixture.StorageFaults.FailWrites = true;
        await Assert.ThrowsAnyAsync<Exception>(() => grain.Purchase(Commands.Sale("T-FAILED", 99m))); // entry 3, never stored
        fixture.StorageFaults.FailWrites = false;
        Assert.True((await grain.Purchase(Commands.Sale("T-2", 20m))).IsSuccess); // after the reload: entry 3 again
        fixture.LedgerFaults.Reset();

        var page = await grain.GetActivity(null, 100);

        var stored = await fixture.Ledger.ReadAsync(memberId, null, 100);
        Assert.Equal(page!.Entries, stored);
        Assert.Equal([3L, 2L, 1L], stored.Select(e => e.Sequence));
        Assert.Equal(["T-2", "T-1", null], stored.Select(e => e.TransactionId));
        Assert.DoesNotContain(stored, e => e.TransactionId == "T-FAILED");
        Assert.Equal([30L, 10L, 0L], stored.Select(e => e.Balance));
        Assert.Equal(30, (await grain.GetAccount())!.Points);
    }
}
