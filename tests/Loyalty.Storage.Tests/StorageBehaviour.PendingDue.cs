using Loyalty.Domain;
using Loyalty.Storage.PendingPoints;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Storage.Tests;

/// <summary>
/// The due-time table of pending points: written with the ledger rows of a sale whose points went pending, claimed by
/// the release schedulers once, moved or deleted only at the version claimed. Other tests of the class leave rows
/// behind, so each test looks at its own members only.
/// </summary>
public abstract partial class StorageBehaviour<TFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private IPendingDueStore PendingDue => Fixture.Services.GetRequiredService<IPendingDueStore>();

    /// <summary>A member's ledger entries: enrolled, then a sale made at <paramref name="at"/> whose points wait 14 days.</summary>
    private static IReadOnlyList<LedgerEntry> PendingSale(DateTimeOffset at, string transactionId = "T-1", MemberState? state = null)
    {
        var options = ProgrammeOptions.Demo();
        options.PendingDays = 14;
        var programme = new Programme(options);
        state ??= new MemberState();
        if (!state.Enrolled)
            programme.Enrol(state, new MemberProfile("Ada", null, null), at);
        var sale = programme.ApplyPurchase(state, new Purchase(transactionId, "S-01", null, [new PurchaseLine("MUG", "home", 1, 25m)]), at);
        Assert.True(sale.IsSuccess);
        return state.Outbox.ToList();
    }

    private async Task<PendingDueClaim?> ClaimOwnAsync(string memberId, DateOnly today, DateTimeOffset now)
    {
        var claims = await PendingDue.ClaimAsync(today, now, Lease, limit: 10_000);
        return claims.SingleOrDefault(c => c.MemberId == memberId);
    }

    [Fact]
    public async Task A_pending_sale_in_the_ledger_makes_its_member_due_on_its_release_day_once()
    {
        var member = NewMemberId();
        var entries = PendingSale(Start);
        var releasesOn = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(14);
        await Fixture.Ledger.AppendAsync(member, entries);
        await Fixture.Ledger.AppendAsync(member, entries); // sent again: still one row

        Assert.Null(await ClaimOwnAsync(member, releasesOn.AddDays(-1), Start));
        var claim = await ClaimOwnAsync(member, releasesOn, Start);
        Assert.Equal(releasesOn, claim?.DueOn);
        Assert.Null(await ClaimOwnAsync(member, releasesOn, Start.AddMinutes(1))); // claimed: nobody else gets it
        var again = await ClaimOwnAsync(member, releasesOn, Start.Add(Lease).AddMinutes(1)); // the claim ran out: a node died
        Assert.Equal(releasesOn, again?.DueOn);

        await PendingDue.CompleteAsync([new PendingDueDone(member, again!.Version, null)]);
        Assert.Null(await ClaimOwnAsync(member, releasesOn.AddDays(400), Start.AddDays(400)));
    }

    [Fact]
    public async Task A_completed_claim_moves_its_row_to_the_next_release_day()
    {
        var member = NewMemberId();
        await Fixture.Ledger.AppendAsync(member, PendingSale(Start));
        var releasesOn = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(14);
        var claim = await ClaimOwnAsync(member, releasesOn, Start);

        await PendingDue.CompleteAsync([new PendingDueDone(member, claim!.Version, releasesOn.AddDays(5))]);
        Assert.Null(await ClaimOwnAsync(member, releasesOn.AddDays(4), Start)); // not due yet, and no longer claimed
        Assert.Equal(releasesOn.AddDays(5), (await ClaimOwnAsync(member, releasesOn.AddDays(5), Start))?.DueOn);
    }

    [Fact]
    public async Task A_sale_written_while_its_member_was_claimed_keeps_the_row_whatever_the_claim_completes_with()
    {
        var member = NewMemberId();
        var state = new MemberState();
        await Fixture.Ledger.AppendAsync(member, PendingSale(Start, "T-1", state));
        var firstDay = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(14);
        var claim = await ClaimOwnAsync(member, firstDay, Start);

        // While the scheduler waits for the member, the member makes a sale: its ledger rows bump the row's version.
        await Fixture.Ledger.AppendAsync(member, PendingSale(Start.AddDays(1), "T-2", state));
        await PendingDue.CompleteAsync([new PendingDueDone(member, claim!.Version, null)]);

        var later = await ClaimOwnAsync(member, firstDay.AddDays(1), Start.Add(Lease).AddMinutes(1));
        Assert.NotNull(later);
        Assert.NotEqual(claim.Version, later.Version);
    }

    [Fact]
    public async Task Schedulers_claiming_at_the_same_time_never_get_the_same_member()
    {
        var members = Enumerable.Range(0, 60).Select(_ => NewMemberId()).ToList();
        foreach (var member in members)
            await Fixture.Ledger.AppendAsync(member, PendingSale(Start.AddYears(-1)));
        var today = DateOnly.FromDateTime(Start.UtcDateTime);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PendingDue.ClaimAsync(today, Start, Lease, limit: 25))));
        var claimed = claims.SelectMany(c => c).Select(c => c.MemberId).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Empty(members.Except(claimed)); // the earliest due first: this test's 60, due a year ago, fit in the four claims
    }
}
