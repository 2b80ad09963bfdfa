using Loyalty.Grains;
using Loyalty.Server.Apis;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Server.Tests;

/// <summary>A member grain's reference made from its id alone is the one Orleans makes, and reaches the same member.</summary>
public sealed class MemberGrainReferencesTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task A_reference_made_from_the_id_is_the_one_Orleans_makes_and_reads_the_member()
    {
        var grains = engine.Host.Services.GetRequiredService<IGrainFactory>();
        var till = engine.Host.Till();
        var first = Api.NewMemberId();
        var second = Api.NewMemberId();
        (await till.Enrol(first)).EnsureSuccessStatusCode();
        (await till.Enrol(second)).EnsureSuccessStatusCode();
        (await till.Purchase(second, Api.Sale($"{second}-1", "LATTE", "coffee", 2, 3.20m))).EnsureSuccessStatusCode();

        // The first reference may be the one that learns the grain type; the second is made from what it learned.
        foreach (var id in new[] { first, second })
        {
            var made = (GrainReference)(object)grains.Member(id);
            var orleans = (GrainReference)(object)grains.GetGrain<IMemberGrain>(id);
            Assert.Equal(orleans.GrainId, made.GrainId);
            Assert.Equal(orleans.InterfaceType, made.InterfaceType);
        }

        var account = await grains.Member(second).GetAccount();
        Assert.NotNull(account);
        Assert.Equal(second, account.MemberId);
        Assert.Equal((await grains.GetGrain<IMemberGrain>(second).GetAccount())!.Points, account.Points);
        Assert.True(account.Points > 0);
    }
}
