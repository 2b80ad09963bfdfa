using Loyalty.Domain;
using Loyalty.Domain.Identity;
using Loyalty.Grains.Privacy;
using Loyalty.Grains.Watching;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Grains.Tests.Privacy;

/// <summary>
/// Erasure on the real cluster and its SQLite file: the member grain forgets the profile, the ledger's texts lose the
/// name, the identifiers are released, the watchers are told, every other call is refused with
/// <see cref="MemberErasedException"/> (also after a restart), and the erasure answers the same when done again; a
/// storage failure at its first step leaves the member as it was, and the erasure sent again completes.
/// </summary>
public sealed class ErasureTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IServiceProvider Silo => fixture.Cluster.Silos[0].ServiceProvider;

    private async Task<IMemberGrain> MemberAsync(string name)
    {
        var grain = fixture.Grains.GetGrain<IMemberGrain>(Commands.NewMemberId());
        await grain.Enrol(new MemberProfile(name, $"{grain.GetPrimaryKeyString().ToLowerInvariant()}@example.org", new DateOnly(1990, 5, 1)));
        await grain.Purchase(Commands.Sale("S-1", 40m));
        return grain;
    }

    [Fact]
    public async Task An_erased_member_forgets_the_personal_data_keeps_the_amounts_and_refuses_every_other_call()
    {
        var grain = await MemberAsync("Ada Lovelace");
        var memberId = grain.GetPrimaryKeyString();
        var identifiers = Silo.GetRequiredService<IIdentifierStore>();
        var card = MemberIdentifier.Card("4000000000000002");
        Assert.True(await identifiers.TryClaimAsync(card, memberId));
        var watchers = Silo.GetRequiredService<MemberWatchers>();
        var received = Silo.GetRequiredService<RecordingEventSink>();
        await watchers.WatchAsync("connection-erasure", memberId);

        var erased = await grain.Erase();
        var again = await grain.Erase();

        Assert.Equal(erased, again);
        Assert.Equal(memberId, erased!.MemberId);
        Assert.Null(await identifiers.FindMemberAsync(card));
        var ledger = await fixture.Ledger.ReadAsync(memberId, null, 100);
        Assert.Equal("Enrolled as [erased]", ledger.Single(e => e.Kind == LedgerKinds.Enrolled).Description);
        Assert.Equal((LedgerKinds.MemberErased, 0L, 40L), (ledger[0].Kind, ledger[0].Points, ledger[0].Balance));
        Assert.DoesNotContain(ledger, e => e.Description.Contains("Ada", StringComparison.Ordinal) || (e.Details ?? "").Contains("Ada", StringComparison.Ordinal));
        Assert.Equal(40L, ledger.Where(e => e.Kind == LedgerKinds.Purchase).Sum(e => e.Points));
        for (var i = 0; i < 100 && !received.For(memberId).Any(e => e.Kind == LedgerKinds.MemberErased); i++)
            await Task.Delay(50);
        Assert.Contains(received.For(memberId), e => e.Kind == LedgerKinds.MemberErased);
        await Assert.ThrowsAsync<MemberErasedException>(() => grain.GetAccount());
        await Assert.ThrowsAsync<MemberErasedException>(() => grain.Enrol(Commands.Profile()));
        await Assert.ThrowsAsync<MemberErasedException>(() => grain.Purchase(Commands.Sale("S-2", 5m)));
        await Assert.ThrowsAsync<MemberErasedException>(() => grain.GetActivity(null, 10));
        Assert.Null(await grain.ReleasePending());
        await watchers.RemoveWatcherAsync("connection-erasure");
    }

    [Fact]
    public async Task A_storage_failure_at_the_first_step_leaves_the_member_as_it_was_and_the_erasure_sent_again_completes()
    {
        var grain = await MemberAsync("Grace Hopper");

        fixture.StorageFaults.FailWrites = true;
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => grain.Erase());
        }
        finally
        {
            fixture.StorageFaults.FailWrites = false;
        }
        Assert.Equal("Grace Hopper", (await grain.GetAccount())!.Name);

        var erased = await grain.Erase();

        Assert.NotNull(erased);
        await Assert.ThrowsAsync<MemberErasedException>(() => grain.GetAccount());
    }

    [Fact]
    public async Task A_member_merged_away_erases_what_it_kept_and_the_member_it_went_into_is_left_alone()
    {
        var (target, source) = (await MemberAsync("Target Person"), await MemberAsync("Source Person"));
        var merged = await target.Merge(new MemberMerge("MRG-1", source.GetPrimaryKeyString()));
        Assert.True(merged.IsSuccess);

        Assert.NotNull(await source.Erase());

        await Assert.ThrowsAsync<MemberErasedException>(() => source.GetAccount());
        var account = await target.GetAccount();
        Assert.Equal(("Target Person", 80L), (account!.Name, account.Points));
        var ledger = await fixture.Ledger.ReadAsync(source.GetPrimaryKeyString(), null, 100);
        Assert.Equal("Enrolled as [erased]", ledger.Single(e => e.Kind == LedgerKinds.Enrolled).Description);
    }

    [Fact]
    public async Task An_erasure_holds_after_a_restart_and_a_member_never_enrolled_has_nothing_to_erase()
    {
        var grain = await MemberAsync("Alan Turing");
        var memberId = grain.GetPrimaryKeyString();
        var erased = await grain.Erase();

        await fixture.RestartAsync();
        var restarted = fixture.Grains.GetGrain<IMemberGrain>(memberId);

        await Assert.ThrowsAsync<MemberErasedException>(() => restarted.GetAccount());
        Assert.Equal(erased, await restarted.Erase());
        Assert.Null(await fixture.Grains.GetGrain<IMemberGrain>(Commands.NewMemberId()).Erase());
    }
}
