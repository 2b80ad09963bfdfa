using Loyalty.Domain;
using Loyalty.Storage.Liability;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Storage.Tests;

/// <summary>
/// The liability counters: fed from the liability changes of the ledger entries, each change counted once, whether the
/// entries are sent again, the projector runs twice, side by side, or stops between its steps.
/// </summary>
public abstract partial class StorageBehaviour<TFixture>
{
    private static readonly DateOnly LiabilityDay = new(2030, 5, 31);

    private LiabilityProjector Liability => Fixture.Services.GetRequiredService<LiabilityProjector>();

    private ILiabilityCounters Counters => Fixture.Services.GetRequiredService<ILiabilityCounters>();

    private static LiabilityChange Change(params (LiabilityKey Key, long Points)[] lines) =>
        LiabilityChange.Of(lines.ToDictionary(l => l.Key, l => l.Points))!;

    private static LiabilityKey SpendableOn(DateOnly day) => new(LiabilityKind.Spendable, day);

    private static LedgerEntry WithChange(long sequence, LiabilityChange? change) => Entry(sequence) with { Liability = change };

    /// <summary>The counters of every day from 2000 on, and the debt.</summary>
    private async Task<Dictionary<LiabilityKey, long>> CountedAsync() =>
        (await Counters.ReadAsync(new DateOnly(2000, 1, 1))).ToDictionary(l => l.Key, l => l.Points);

    /// <summary>What the counters gained since <paramref name="before"/>, lines at 0 left out.</summary>
    private async Task<Dictionary<LiabilityKey, long>> GainedSinceAsync(Dictionary<LiabilityKey, long> before)
    {
        var after = await CountedAsync();
        return after.Keys.Union(before.Keys)
            .Select(k => (Key: k, Points: after.GetValueOrDefault(k) - before.GetValueOrDefault(k)))
            .Where(l => l.Points != 0).ToDictionary(l => l.Key, l => l.Points);
    }

    [Fact]
    public async Task Liability_changes_are_counted_once_however_often_entries_are_sent_and_the_projector_runs()
    {
        await Liability.CatchUpAsync();
        var before = await CountedAsync();
        var (ada, bob) = (NewMemberId(), NewMemberId());
        var adaEntries = new[]
        {
            WithChange(1, Change((SpendableOn(LiabilityDay), 120))),
            WithChange(2, null),
            WithChange(3, Change((SpendableOn(LiabilityDay), -100), (LiabilityKey.Debt, 30))),
        };
        await Fixture.Ledger.AppendAsync(ada, adaEntries);
        await Fixture.Ledger.AppendAsync(bob, [WithChange(1, Change((SpendableOn(LiabilityDay.AddDays(1)), 50)))]);
        await Fixture.Ledger.AppendAsync(ada, adaEntries); // sent again: the ledger keeps them once

        Assert.True(await Liability.CatchUpAsync() >= 2);
        Assert.Equal(0, await Liability.CatchUpAsync());

        Assert.Equal(new Dictionary<LiabilityKey, long>
        {
            [SpendableOn(LiabilityDay)] = 20,
            [SpendableOn(LiabilityDay.AddDays(1))] = 50,
            [LiabilityKey.Debt] = 30,
        }, await GainedSinceAsync(before));
    }

    [Fact]
    public async Task A_projector_that_read_members_another_has_counted_since_adds_nothing()
    {
        await Liability.CatchUpAsync();
        var before = await CountedAsync();
        var member = NewMemberId();
        await Fixture.Ledger.AppendAsync(member, [WithChange(1, Change((SpendableOn(LiabilityDay), 70)))]);

        var slow = await Liability.ReadDueAsync(null, int.MaxValue, CancellationToken.None);
        Assert.Contains(slow, d => d.MemberId == member);
        await Liability.CatchUpAsync(); // another projector counts the member meanwhile
        Assert.Equal(0, await Liability.CountAsync(slow, CancellationToken.None));

        Assert.Equal(new Dictionary<LiabilityKey, long> { [SpendableOn(LiabilityDay)] = 70 }, await GainedSinceAsync(before));
    }

    [Fact]
    public async Task A_projector_stopped_between_its_steps_leaves_the_members_due_and_a_new_change_is_counted_alone()
    {
        await Liability.CatchUpAsync();
        var before = await CountedAsync();
        var member = NewMemberId();
        await Fixture.Ledger.AppendAsync(member, [WithChange(1, Change((SpendableOn(LiabilityDay), 40)))]);
        var read = await Liability.ReadDueAsync(null, int.MaxValue, CancellationToken.None); // and then it stops
        Assert.Contains(read, d => d.MemberId == member);

        await Fixture.Ledger.AppendAsync(member, [WithChange(2, Change((SpendableOn(LiabilityDay), -15)))]);
        Assert.True(await Liability.CatchUpAsync() >= 1);
        Assert.Equal(new Dictionary<LiabilityKey, long> { [SpendableOn(LiabilityDay)] = 25 }, await GainedSinceAsync(before));

        await Fixture.Ledger.AppendAsync(member, [WithChange(3, Change((SpendableOn(LiabilityDay), 5)))]);
        await Liability.CatchUpAsync();
        Assert.Equal(new Dictionary<LiabilityKey, long> { [SpendableOn(LiabilityDay)] = 30 }, await GainedSinceAsync(before));
    }

    [Fact]
    public async Task Entries_written_before_the_counters_are_never_read_and_the_change_round_trips_through_the_ledger()
    {
        await Liability.CatchUpAsync();
        var before = await CountedAsync();
        var member = NewMemberId();
        await Fixture.Ledger.AppendAsync(member, Entries(1, 5)); // no liability: as written before the counters
        Assert.DoesNotContain(await Liability.ReadDueAsync(null, int.MaxValue, CancellationToken.None), d => d.MemberId == member);

        var whole = Change((SpendableOn(LiabilityDay), 90), (new LiabilityKey(LiabilityKind.Pending, LiabilityDay.AddDays(2)), 10));
        await Fixture.Ledger.AppendAsync(member, [WithChange(6, whole)]);
        var due = Assert.Single(await Liability.ReadDueAsync(null, int.MaxValue, CancellationToken.None), d => d.MemberId == member);
        Assert.Equal((5L, 6L), (due.From, due.To));
        Assert.Equal(whole, (await Fixture.Ledger.ReadAsync(member, null, 1))[0].Liability);

        await Liability.CatchUpAsync();
        Assert.Equal(whole.Lines.ToDictionary(l => l.Key, l => l.Points), await GainedSinceAsync(before));
    }

    [Fact]
    public async Task The_counters_leave_out_the_days_before_the_one_asked_for_but_not_the_debt()
    {
        await Liability.CatchUpAsync();
        var member = NewMemberId();
        var past = new DateOnly(2001, 3, 31);
        await Fixture.Ledger.AppendAsync(member, [WithChange(1, Change((SpendableOn(past), 7), (LiabilityKey.Debt, 3)))]);
        await Liability.CatchUpAsync();

        var lines = await Counters.ReadAsync(past.AddDays(1));

        Assert.DoesNotContain(lines, l => l.Key.ExpiresOn == past);
        Assert.Contains(lines, l => l.Key == LiabilityKey.Debt);
        Assert.Contains(await Counters.ReadAsync(past), l => l.Key == SpendableOn(past));
    }
}
