using Loyalty.Grains.Clubs;
using Loyalty.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Loyalty.Grains.Tests;

/// <summary>
/// A catalogue state stored before the audit had its table (the whole audit in the state) keeps its audit: the first
/// activation copies it to the table, the numbering goes on, and the stored state no longer carries it.
/// </summary>
public sealed class CatalogueAuditMigrationTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task An_audit_stored_in_the_state_moves_to_the_table_and_its_numbering_goes_on()
    {
        var clubs = fixture.Grains.ClubCatalogueGrain();
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(LoyaltyStorageNames.GrainStorage);
        var at = fixture.Time.GetUtcNow();
        var a = new Club("OLD-A", "Old A", null, at, at);
        var b = new Club("OLD-B", "Old B", null, at, at);
        var old = new ClubCatalogueState
        {
            Clubs = { [a.ClubId] = a with { Name = "Old A renamed" }, [b.ClubId] = b },
            Audit = [new(1, at, "Marketing A", "created", a), new(2, at, "Marketing A", "created", b),
                new(3, at, "Marketing B", "updated", a with { Name = "Old A renamed" })],
        };
        await storage.WriteStateAsync("club-catalogue", clubs.GetGrainId(), new GrainState<ClubCatalogueState>(old));

        var saved = await clubs.Put("NEW-C", "New C", null, "Marketing C");

        Assert.True(saved!.Created);
        var audit = (await clubs.Audit(null, 200)).Entries;
        Assert.Equal([4L, 3L, 2L, 1L], audit.Select(e => e.Sequence));
        Assert.Equal(["NEW-C", "OLD-A", "OLD-B", "OLD-A"], audit.Select(e => e.Club.ClubId));
        Assert.Equal(4, await AuditRowsAsync());
        var stored = new GrainState<ClubCatalogueState>();
        await storage.ReadStateAsync("club-catalogue", clubs.GetGrainId(), stored);
        Assert.Equal([4L], stored.State!.Audit.Select(e => e.Sequence)); // only the entry of the last change, already copied too
        Assert.Equal(4, stored.State.AuditSequence);
    }

    private async Task<long> AuditRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM loyalty_catalogue_audit WHERE catalogue = 'clubs'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
