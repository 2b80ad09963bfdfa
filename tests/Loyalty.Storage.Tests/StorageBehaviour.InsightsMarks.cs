using Loyalty.Domain.Insights;
using Loyalty.Storage.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Storage.Tests;

/// <summary>The projector's marks: a mark made again after one was cleared is never taken for the cleared one.</summary>
public abstract partial class StorageBehaviour<TFixture>
{
    private InsightsStore Store => Fixture.Services.GetRequiredService<InsightsStore>();

    [Fact]
    public async Task A_mark_made_again_after_its_member_was_projected_survives_a_slower_projector_that_read_the_old_mark()
    {
        var buyer = new InsightsHistory(NewMemberId(), AsOf);
        buyer.Buy(3, 4.50m);
        await Fixture.Ledger.AppendAsync(buyer.MemberId, buyer.Entries);
        // A slow projector reads the mark and the ledger as they are now ...
        var staleMark = (await Store.ReadDirtyAsync(null, int.MaxValue)).Single(m => m.MemberId == buyer.MemberId);
        var staleFacts = MemberFacts.FromLedger(buyer.Entries.ToList());

        // ... while a faster one projects the member and clears its mark, and then the member buys again.
        await DrainAsync(AsOf);
        Assert.Null(await MarkVersionAsync(buyer.MemberId));
        buyer.Buy(1, 6.00m);
        await Fixture.Ledger.AppendAsync(buyer.MemberId, buyer.Entries);
        var newMark = await MarkVersionAsync(buyer.MemberId);
        Assert.NotNull(newMark);

        // The slow projector writes what it saw over the row the fast one wrote, and clears the mark it read.
        var row = (await Store.ReadMembersAsync([buyer.MemberId])).Single().Value;
        var evaluation = InsightsRules.Evaluate(staleFacts, AsOf, new InsightsOptions());
        await Store.WriteAsync([new InsightsMemberWrite(buyer.MemberId, row.Revision, staleFacts.ToJson(), AsOf, evaluation,
            new Dictionary<int, RetentionCounts>(), staleMark.Version)]);

        // The new purchase is still marked, so the projector takes it into account.
        Assert.Equal(newMark, await MarkVersionAsync(buyer.MemberId));
        await DrainAsync(AsOf);
        var stored = MemberFacts.FromJson((await Store.ReadMembersAsync([buyer.MemberId])).Single().Value.Facts);
        Assert.Equal(MemberFacts.FromLedger(buyer.Entries.ToList()).ToJson(), stored.ToJson());
    }

    [Fact]
    public async Task A_busy_member_evaluated_within_its_rest_stays_marked_until_it_is_over_and_others_are_projected_meanwhile()
    {
        var busy = new BusyMembers(Orders: 2, Rest: TimeSpan.FromMinutes(1));
        var regular = new InsightsHistory(NewMemberId(), AsOf);
        regular.Buy(3, 4.50m);
        regular.Buy(2, 4.50m);
        var light = new InsightsHistory(NewMemberId(), AsOf);
        light.Buy(3, 2.00m);
        await Fixture.Ledger.AppendAsync(regular.MemberId, regular.Entries);
        await Fixture.Ledger.AppendAsync(light.MemberId, light.Entries);
        await DrainAsync(AsOf, busy); // neither has a row yet: both are projected
        Assert.Null(await MarkVersionAsync(regular.MemberId));

        // Both buy again 30 s later: the member whose row has two orders is busy and was evaluated within its rest.
        regular.Buy(0.5, 5.00m);
        light.Buy(0.5, 2.00m);
        await Fixture.Ledger.AppendAsync(regular.MemberId, regular.Entries);
        await Fixture.Ledger.AppendAsync(light.MemberId, light.Entries);
        await DrainAsync(AsOf.AddSeconds(30), busy);
        Assert.Null(await MarkVersionAsync(light.MemberId));
        Assert.NotNull(await MarkVersionAsync(regular.MemberId));
        Assert.Equal(2, await OrdersAsync(regular.MemberId));

        // Once the rest is over it is projected, its mark cleared; without a rest (CatchUp, tests) it always is.
        await DrainAsync(AsOf.AddSeconds(61), busy);
        Assert.Null(await MarkVersionAsync(regular.MemberId));
        Assert.Equal(3, await OrdersAsync(regular.MemberId));
        regular.Buy(0.4, 5.00m);
        await Fixture.Ledger.AppendAsync(regular.MemberId, regular.Entries);
        await DrainAsync(AsOf.AddSeconds(62));
        Assert.Equal(4, await OrdersAsync(regular.MemberId));
    }

    private async Task<int> OrdersAsync(string memberId) =>
        MemberFacts.FromJson((await Store.ReadMembersAsync([memberId])).Single().Value.Facts).LifetimeOrders;
}
