using Loyalty.Storage.Liability;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Server.Tests.Reports;

/// <summary>An engine of its own on a fixed clock, restarted by the test.</summary>
public sealed class LiabilityRestartFixture() : ClockedEngineFixture(LiabilityFixture.Now);

/// <summary>
/// A member's account is counted once: after a restart the account read back from storage knows it is counted, so its
/// next command carries only what it changes, and the report matches the balances.
/// </summary>
public sealed class PointsLiabilityRestartTests(LiabilityRestartFixture fixture) : IClassFixture<LiabilityRestartFixture>
{
    private async Task<long> OutstandingAsync(params string[] memberIds)
    {
        foreach (var id in memberIds)
            await fixture.Host.Till().Activity(id); // waits until the member's entries are in the ledger
        await fixture.Host.Services.GetRequiredService<LiabilityProjector>().CatchUpAsync();
        return (long)(await (await fixture.Host.Support().GetAsync("/api/reports/points-liability")).Json())["outstanding"]!["points"]!;
    }

    [Fact]
    public async Task Commands_after_a_restart_count_only_what_they_change()
    {
        var id = Api.NewMemberId();
        (await fixture.Host.Till().Enrol(id)).EnsureSuccessStatusCode();
        (await fixture.Host.Till().Purchase(id, Api.Sale("S-1", "ITEM", "general", 1, 60m))).EnsureSuccessStatusCode();
        var balance = (long)(await fixture.Host.Till().Account(id))["points"]!;
        Assert.Equal(balance, await OutstandingAsync(id));

        await fixture.RestartAsync();
        (await fixture.Host.Till().Redeem(id, new { transactionId = "R-1", storeId = "S-01", points = 15 })).EnsureSuccessStatusCode();
        (await fixture.Host.Till().Purchase(id, Api.Sale("S-2", "ITEM", "general", 1, 10m))).EnsureSuccessStatusCode();

        var after = (long)(await fixture.Host.Till().Account(id))["points"]!;
        Assert.Equal(after, await OutstandingAsync(id));
    }
}
