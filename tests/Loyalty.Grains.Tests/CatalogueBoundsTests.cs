using Loyalty.Domain;
using Loyalty.Grains.Catalogues;
using Loyalty.Grains.Clubs;
using Loyalty.Grains.Promotions;
using Microsoft.Data.Sqlite;

namespace Loyalty.Grains.Tests;

/// <summary>
/// The catalogues' stored state stays bounded however many changes they see: the audit lives in its own table (read
/// in pages), ended promotions leave the state after the transaction window, clubs are capped.
/// </summary>
public sealed class CatalogueBoundsTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const int Promotions = 1_000;
    private const int ClubUpdates = 2_000;

    [Fact]
    public async Task Creating_and_ending_many_promotions_keeps_the_state_bounded_and_every_change_in_the_audit()
    {
        var catalogue = fixture.Grains.PromotionCatalogueGrain();
        var window = TimeSpan.FromDays(ProgrammeOptions.Demo().TransactionWindowDays + 1);
        string? first = null;
        long sizeAfterFirstRounds = 0;
        for (var i = 0; i < Promotions; i++)
        {
            var now = fixture.Time.GetUtcNow();
            var created = await catalogue.Create(Tests.Promotions.Draft(now, new PromotionEffect(PromotionEffectKind.BonusPoints, 3m)), "Marketing A");
            first ??= created.Definition.Id;
            Assert.NotNull(await catalogue.End(created.Definition.Id, "Marketing B"));
            if (i % 100 == 99)
                fixture.Time.Advance(window); // what ended so far leaves the state with the next change
            if (i == 199)
                sizeAfterFirstRounds = await StoredSizeAsync("promotion-catalogue");
        }

        var size = await StoredSizeAsync("promotion-catalogue");
        Assert.True(size < sizeAfterFirstRounds * 3 / 2, $"stored state {size} bytes after {Promotions} promotions, {sizeAfterFirstRounds} after 200");
        Assert.True((await catalogue.List()).Count <= 101);
        var audit = await ReadWholeAuditAsync((before, limit) => catalogue.Audit(before, limit), e => e.Sequence);
        Assert.Equal(2 * Promotions, audit.Count);
        Assert.Equal(Enumerable.Range(1, 2 * Promotions).Reverse().Select(n => (long)n), audit.Select(e => e.Sequence));
        // The first promotion has left the catalogue's state, yet still answers by id, as it ended.
        Assert.DoesNotContain(await catalogue.List(), p => p.Definition.Id == first);
        var old = await catalogue.Get(first!);
        Assert.Equal((first, "Marketing A", "Marketing B"), (old!.Definition.Id, old.CreatedBy, old.EndedBy));
        Assert.NotNull(old.Definition.EndedAt);
        Assert.Equal(old, await catalogue.End(first!, "Marketing C")); // ending it again changes nothing
        Assert.Null(await catalogue.Get("P-999999"));
    }

    [Fact]
    public async Task Updating_clubs_many_times_keeps_the_state_bounded_and_every_change_in_the_audit()
    {
        var clubs = fixture.Grains.ClubCatalogueGrain();
        var ids = Enumerable.Range(0, 10).Select(n => $"BOUNDS-{n}").ToArray();
        long sizeAfterFirstRounds = 0;
        for (var i = 0; i < ClubUpdates; i++)
        {
            Assert.NotNull(await clubs.Put(ids[i % ids.Length], $"Club {i}", null, "Marketing A"));
            if (i == 199)
                sizeAfterFirstRounds = await StoredSizeAsync("club-catalogue");
        }

        var size = await StoredSizeAsync("club-catalogue");
        Assert.True(size < sizeAfterFirstRounds * 3 / 2, $"stored state {size} bytes after {ClubUpdates} changes, {sizeAfterFirstRounds} after 200");
        var audit = await ReadWholeAuditAsync((before, limit) => clubs.Audit(before, limit), e => e.Sequence);
        var mine = audit.Where(e => ids.Contains(e.Club.ClubId)).ToArray();
        Assert.Equal(ClubUpdates, mine.Length);
        Assert.Equal($"Club {ClubUpdates - 1}", mine[0].Club.Name);
        Assert.Equal(audit.Count, audit.Select(e => e.Sequence).Distinct().Count());
    }

    private static async Task<List<T>> ReadWholeAuditAsync<T>(Func<long?, int, Task<CatalogueAuditPage<T>>> read, Func<T, long> sequenceOf)
    {
        var all = new List<T>();
        long? before = null;
        do
        {
            var page = await read(before, 200);
            Assert.True(page.Entries.Count <= 200);
            all.AddRange(page.Entries);
            before = page.NextBefore;
            if (before is not null)
                Assert.Equal(before, sequenceOf(page.Entries[^1]));
        }
        while (before is not null);
        return all;
    }

    /// <summary>The size of a catalogue's stored state as the grain storage holds it.</summary>
    private async Task<long> StoredSizeAsync(string stateName)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(payload) FROM loyalty_grain_state WHERE state_name = @name";
        command.Parameters.AddWithValue("@name", stateName);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
