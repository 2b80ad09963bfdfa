using Loyalty.Domain;
using Loyalty.Grains.Clubs;
using Loyalty.Grains.Promotions;

namespace Loyalty.Grains.Tests;

/// <summary>
/// A catalogue change whose write fails, and whose read-back fails too, is not left in effect in memory: the caller
/// gets the error and the next reads show the catalogue as storage holds it.
/// </summary>
public sealed class CatalogueWriteFailureTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_club_change_whose_write_and_read_back_fail_is_not_in_effect()
    {
        var clubs = fixture.Grains.ClubCatalogueGrain();
        var kept = "C-" + Guid.NewGuid().ToString("N")[..8];
        var lost = "C-" + Guid.NewGuid().ToString("N")[..8];
        await clubs.Put(kept, "Before", null, "Marketing A");

        await WhileStorageFailsAsync(async () =>
        {
            await Assert.ThrowsAnyAsync<Exception>(() => clubs.Put(kept, "After", null, "Marketing B"));
            await Assert.ThrowsAnyAsync<Exception>(() => clubs.Put(lost, "New", null, "Marketing B"));
        });

        Assert.Equal("Before", (await clubs.Get(kept))!.Name);
        Assert.Null(await clubs.Get(lost));
        Assert.DoesNotContain(await clubs.List(), c => c.ClubId == lost || c.Name == "After");
        var audit = (await clubs.Audit(null, 200)).Entries;
        Assert.DoesNotContain(audit, e => e.By == "Marketing B");
    }

    [Fact]
    public async Task A_promotion_change_whose_write_and_read_back_fail_is_not_in_effect()
    {
        var catalogue = fixture.Grains.PromotionCatalogueGrain();
        var now = fixture.Time.GetUtcNow();
        var running = await catalogue.Create(Promotions.Draft(now, new PromotionEffect(PromotionEffectKind.BonusPoints, 5m)), "Marketing A");
        var before = await catalogue.ChangesSince(-1);

        await WhileStorageFailsAsync(async () =>
        {
            await Assert.ThrowsAnyAsync<Exception>(() => catalogue.End(running.Definition.Id, "Marketing B"));
            await Assert.ThrowsAnyAsync<Exception>(() =>
                catalogue.Create(Promotions.Draft(now, new PromotionEffect(PromotionEffectKind.BonusPoints, 7m)), "Marketing B"));
        });

        Assert.Null((await catalogue.Get(running.Definition.Id))!.Definition.EndedAt);
        Assert.DoesNotContain(await catalogue.List(), p => p.CreatedBy == "Marketing B");
        var after = await catalogue.ChangesSince(-1);
        Assert.Equal(before!.Version, after!.Version);
        Assert.Equal(before.Promotions, after.Promotions);
        var audit = (await catalogue.Audit(null, 200)).Entries;
        Assert.DoesNotContain(audit, e => e.By == "Marketing B");
        // The next change is stored normally, with the next id.
        var next = await catalogue.Create(Promotions.Draft(now, new PromotionEffect(PromotionEffectKind.BonusPoints, 9m)), "Marketing C");
        Assert.Equal(NumberOf(running.Definition.Id) + 1, NumberOf(next.Definition.Id));
    }

    private static int NumberOf(string promotionId) => int.Parse(promotionId[2..], System.Globalization.CultureInfo.InvariantCulture);

    private async Task WhileStorageFailsAsync(Func<Task> act)
    {
        fixture.StorageFaults.FailWrites = true;
        fixture.StorageFaults.FailReads = true;
        try
        {
            await act();
        }
        finally
        {
            fixture.StorageFaults.FailWrites = false;
            fixture.StorageFaults.FailReads = false;
        }
    }
}
