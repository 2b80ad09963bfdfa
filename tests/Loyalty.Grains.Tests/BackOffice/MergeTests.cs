using Loyalty.Domain;
using Loyalty.Domain.Identity;
using Loyalty.Grains.Watching;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Grains.Tests.BackOffice;

/// <summary>Merges on the real cluster and its SQLite storage: exactly once, forwarded afterwards, refusals that change nothing.</summary>
public sealed class MergeTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IIdentifierStore IdentifierStore => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IIdentifierStore>();

    [Fact]
    public async Task Everything_moves_once_and_the_sources_calls_are_served_by_the_target()
    {
        var (target, source) = (await Commands.EnrolledAsync(fixture.Grains), await Commands.EnrolledAsync(fixture.Grains));
        await target.Purchase(Commands.Sale("T-1", 40m));
        await source.Purchase(Commands.Sale("S-1", 25m));
        await source.Purchase(Commands.Coffees("S-2", 10));

        var outcome = Ok(await target.Merge(new MemberMerge("MRG-1", Id(source))));

        Assert.Equal(57, outcome.PointsMoved);
        Assert.Equal(97, outcome.Balance);
        var account = (await source.GetAccount())!;
        Assert.Equal(Id(target), account.MemberId);
        Assert.Equal(97, account.Points);
        Assert.Single(account.Rewards);
        Assert.Equal(1, account.StampCards[0].Stamps);
        var sale = Ok(await source.Purchase(Commands.Sale("S-3", 10m)));
        Assert.Equal(Id(target), sale.MemberId);
        Assert.Equal(107, sale.Balance);
        Assert.Equal(107, (await target.GetAccount())!.Points);
        var activity = (await source.GetActivity(null, 10))!.Entries;
        Assert.Contains(activity, e => e.Kind == LedgerKinds.MergedIn && e.Points == 57);
        Assert.Contains(activity, e => e.TransactionId == "S-3");
    }

    [Fact]
    public async Task A_replay_answers_the_original_outcome_and_a_replay_of_a_sources_sale_is_not_counted_twice()
    {
        var (target, source) = (await Commands.EnrolledAsync(fixture.Grains), await Commands.EnrolledAsync(fixture.Grains));
        var first = Ok(await source.Purchase(Commands.Sale("S-1", 25m)));
        var merged = Ok(await target.Merge(new MemberMerge("MRG-1", Id(source))));

        var again = Ok(await target.Merge(new MemberMerge("MRG-1", Id(source))));
        var sale = Ok(await source.Purchase(Commands.Sale("S-1", 25m)));
        await fixture.Cluster.DeactivateAsync(target);
        await fixture.Cluster.DeactivateAsync(source);
        var afterRestart = Ok(await target.Merge(new MemberMerge("MRG-1", Id(source))));

        Assert.Equal(merged with { Duplicate = true }, again);
        Assert.Equal(merged with { Duplicate = true }, afterRestart);
        Assert.True(sale.Duplicate);
        Assert.Equal(first.Balance, sale.Balance);
        Assert.Equal(25, (await target.GetAccount())!.Points);
    }

    [Fact]
    public async Task Each_refusal_has_its_own_reason_and_changes_nothing()
    {
        var (target, source, third) = (await Commands.EnrolledAsync(fixture.Grains), await Commands.EnrolledAsync(fixture.Grains),
            await Commands.EnrolledAsync(fixture.Grains));
        await target.Purchase(Commands.Sale("T-1", 40m));
        await source.Purchase(Commands.Sale("S-1", 25m));
        var nobody = fixture.Grains.GetGrain<IMemberGrain>(Commands.NewMemberId());

        Assert.Equal(RejectionCode.MergeIntoSelf, Refused(await target.Merge(new MemberMerge("MRG-1", Id(target)))));
        Assert.Equal(RejectionCode.MergeSourceNotEnrolled, Refused(await target.Merge(new MemberMerge("MRG-1", Id(nobody)))));
        Assert.Equal(RejectionCode.NotEnrolled, Refused(await nobody.Merge(new MemberMerge("MRG-1", Id(source)))));
        Assert.Equal(RejectionCode.TransactionIdReused, Refused(await target.Merge(new MemberMerge("T-1", Id(source)))));
        Assert.Equal(40, (await target.GetAccount())!.Points);
        Assert.Equal(25, (await source.GetAccount())!.Points);
        Assert.Null(await nobody.GetAccount());

        Ok(await third.Merge(new MemberMerge("MRG-2", Id(source))));
        Assert.Equal(RejectionCode.SourceAlreadyMerged, Refused(await target.Merge(new MemberMerge("MRG-3", Id(source)))));
        Assert.Equal(RejectionCode.TransactionIdReused, Refused(await third.Merge(new MemberMerge("MRG-2", Id(target)))));
        Ok(await target.Merge(new MemberMerge("MRG-4", Id(third))));
        Assert.Equal(RejectionCode.MemberMergedAway, Refused(await third.Merge(new MemberMerge("MRG-5", Id(Commands.NewMemberId())))));
        // The chain: source → third → target.
        Assert.Equal(Id(target), (await source.GetAccount())!.MemberId);
        Assert.Equal(65, (await source.GetAccount())!.Points);
    }

    [Fact]
    public async Task The_sources_identifiers_lead_to_the_target()
    {
        var (target, source) = (await Commands.EnrolledAsync(fixture.Grains), await Commands.EnrolledAsync(fixture.Grains));
        var card = MemberIdentifier.Card(Identifiers.NewCardNumber());
        var phone = MemberIdentifier.Phone("+3161" + Random.Shared.Next(1_000_000, 9_999_999));
        Assert.True(await IdentifierStore.TryClaimAsync(card, Id(source)));
        Assert.True(await IdentifierStore.TryClaimAsync(phone, Id(source)));

        Ok(await target.Merge(new MemberMerge("MRG-1", Id(source))));

        Assert.Equal(Id(target), await IdentifierStore.FindMemberAsync(card));
        Assert.Equal(Id(target), await IdentifierStore.FindMemberAsync(phone));
        Assert.Empty(await IdentifierStore.ForMemberAsync(Id(source)));
    }

    [Fact]
    public async Task Watchers_of_the_source_get_a_sync_event_naming_the_target()
    {
        var (target, source) = (await Commands.EnrolledAsync(fixture.Grains), await Commands.EnrolledAsync(fixture.Grains));
        await source.Purchase(Commands.Sale("S-1", 25m));
        var silo = fixture.Cluster.Silos[0].ServiceProvider;
        await silo.GetRequiredService<MemberWatchers>().WatchAsync("connection-1", Id(source));

        Ok(await target.Merge(new MemberMerge("MRG-1", Id(source))));

        var sync = await EventuallyAsync(() => silo.GetRequiredService<RecordingEventSink>().For(Id(source))
            .SingleOrDefault(e => e.Kind == MemberEvent.SyncKind));
        Assert.Equal(Id(target), sync.MergedInto);
        Assert.Equal(0, sync.Balance);
        Assert.Equal(-25, sync.Delta);
        Assert.Equal("MRG-1", sync.TransactionId);
    }

    private static async Task<MemberEvent> EventuallyAsync(Func<MemberEvent?> find)
    {
        for (var i = 0; i < 100; i++)
        {
            if (find() is { } found)
                return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("The event did not arrive.");
    }

    private static string Id(IMemberGrain grain) => grain.GetPrimaryKeyString();

    private static string Id(string memberId) => memberId;

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected success, got {result.Rejection}");
        return result.Value!;
    }

    private static RejectionCode Refused<T>(Result<T> result)
    {
        Assert.False(result.IsSuccess, "Expected a refusal.");
        return result.Rejection!.Code;
    }
}
