using Loyalty.Domain;
using Loyalty.Grains.Clubs;

namespace Loyalty.Grains.Tests;

/// <summary>A cluster whose programme allows few clubs.</summary>
public sealed class FewClubsFixture : ClusterFixture
{
    public const int MaxClubs = 20;

    protected override ProgrammeOptions CreateProgrammeOptions()
    {
        var options = ProgrammeOptions.Demo();
        options.MaxClubs = MaxClubs;
        return options;
    }
}

/// <summary>The clubs are capped by <see cref="ProgrammeOptions.MaxClubs"/>: the catalogue's state stays bounded.</summary>
public sealed class ClubLimitTests(FewClubsFixture fixture) : IClassFixture<FewClubsFixture>
{
    [Fact]
    public async Task A_new_club_beyond_the_maximum_is_refused_and_existing_clubs_can_still_change()
    {
        var clubs = fixture.Grains.ClubCatalogueGrain();
        var existing = (await clubs.List()).Count;
        for (var n = existing; n < FewClubsFixture.MaxClubs; n++)
            Assert.NotNull(await clubs.Put($"MAX-{n}", "Filler", null, "Marketing A"));

        Assert.Null(await clubs.Put("MAX-beyond", "One too many", null, "Marketing A"));
        Assert.Null(await clubs.Get("MAX-beyond"));
        Assert.Equal(FewClubsFixture.MaxClubs, (await clubs.List()).Count);
        var some = (await clubs.List())[0];
        Assert.True((await clubs.Put(some.ClubId, some.Name + " renamed", null, "Marketing B"))!.Changed);
    }
}
