using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests.Liability;

/// <summary>
/// The liability changes every command records with its ledger entries, as the member grain records them (each command
/// and each housekeeping pass inside <see cref="LiabilityTracking.Track{T}"/>). Whatever happens, the changes of all the
/// entries add up to the member's summary: that is what keeps the report's counters right.
/// </summary>
public class LiabilityTrackingTests
{
    private static LiabilityKey Spendable(DateOnly day) => new(LiabilityKind.Spendable, day);

    private static T Tracked<T>(TestMember m, Func<T> change) => LiabilityTracking.Track(m.State, change);

    private static bool Advance(TestMember m, double days) => Tracked(m, () => m.AdvanceDays(days));

    /// <summary>The sum of every entry's change, as the counters hold it.</summary>
    private static Dictionary<LiabilityKey, long> Counted(TestMember m)
    {
        var sum = new Dictionary<LiabilityKey, long>();
        foreach (var line in m.State.Outbox.SelectMany(e => e.Liability?.Lines ?? []))
            sum[line.Key] = sum.GetValueOrDefault(line.Key) + line.Points;
        return sum.Where(l => l.Value != 0).ToDictionary();
    }

    private static void AssertCountedMatchesSummary(TestMember m) =>
        Assert.Equal(LiabilitySummary.Of(m.State).OrderBy(l => l.Key.Kind).ThenBy(l => l.Key.ExpiresOn),
            Counted(m).OrderBy(l => l.Key.Kind).ThenBy(l => l.Key.ExpiresOn));

    private static LiabilityLine[] Lines(params (LiabilityKey Key, long Points)[] lines) =>
        lines.Select(l => new LiabilityLine(l.Key, l.Points)).ToArray();

    [Fact]
    public void A_purchase_adds_its_points_to_the_day_they_expire()
    {
        var m = new TestMember();
        var outcome = Tracked(m, () => m.Buy(Item(42m)));

        var lot = Assert.Single(m.State.Lots);
        var entry = Assert.Single(m.Entries(LedgerKinds.Purchase));
        Assert.Equal(Lines((Spendable(lot.ExpiresOn), outcome.PointsEarned)), entry.Liability!.Lines);
        AssertCountedMatchesSummary(m);
    }

    [Fact]
    public void A_redemption_from_several_lots_takes_from_each_of_their_days()
    {
        var m = new TestMember();
        Tracked(m, () => m.Buy(Item(30m)));
        Advance(m, 40);
        Tracked(m, () => m.Buy(Item(20m)));
        var (first, second) = (m.State.Lots[0], m.State.Lots[1]);
        var (firstPoints, secondExpiry) = (first.Points, second.ExpiresOn);
        Assert.NotEqual(first.ExpiresOn, secondExpiry);

        Tracked(m, () => m.Redeem(firstPoints + 5));

        var entry = Assert.Single(m.Entries(LedgerKinds.Redemption));
        Assert.Equal(Lines((Spendable(first.ExpiresOn), -firstPoints), (Spendable(secondExpiry), -5)), entry.Liability!.Lines);
        AssertCountedMatchesSummary(m);
    }

    [Fact]
    public void A_refund_of_spent_points_moves_what_the_lots_cannot_cover_to_debt_and_a_later_purchase_repays_it()
    {
        var m = new TestMember();
        var sale = Tracked(m, () => m.BuyAs("S1", Item(50m)));
        var expiry = m.State.Lots[0].ExpiresOn;
        Tracked(m, () => m.Redeem(sale.PointsEarned - 10));

        Tracked(m, () => m.Refund("S1", Back("ITEM")));

        Assert.Equal(sale.PointsEarned - 10, m.State.Debt);
        var refund = Assert.Single(m.Entries(LedgerKinds.Refund));
        Assert.Equal(Lines((Spendable(expiry), -10), (LiabilityKey.Debt, sale.PointsEarned - 10)), refund.Liability!.Lines);

        Tracked(m, () => m.Buy(Item(10m)));

        Assert.Equal(-Math.Min(m.Entries(LedgerKinds.Purchase).Last().Points, sale.PointsEarned - 10),
            m.Entries(LedgerKinds.Purchase).Last().Liability!.Lines.Single(l => l.Key == LiabilityKey.Debt).Points);
        AssertCountedMatchesSummary(m);
    }

    [Fact]
    public void Expired_points_leave_the_day_they_expired_on()
    {
        var m = new TestMember();
        Tracked(m, () => m.Buy(Item(25m)));
        var lot = m.State.Lots[0];
        var (day, points) = (lot.ExpiresOn, lot.Points);

        Tracked(m, () => m.AdvanceTo(new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));

        var expired = Assert.Single(m.Entries(LedgerKinds.PointsExpired));
        Assert.Equal(Lines((Spendable(day), -points)), expired.Liability!.Lines);
        Assert.Empty(Counted(m));
    }

    [Fact]
    public void Adjustments_add_a_lot_or_take_points_oldest_first()
    {
        var m = new TestMember();
        Tracked(m, () => m.Buy(Item(30m)));
        var oldest = m.State.Lots[0].ExpiresOn;
        Advance(m, 40);

        Tracked(m, () => m.Adjust(100));
        var added = m.Entries(LedgerKinds.Adjustment).Single();
        var newest = m.State.Lots[^1].ExpiresOn;
        Assert.Equal(Lines((Spendable(newest), 100)), added.Liability!.Lines);

        Tracked(m, () => m.Adjust(-10, AdjustmentReasons.Correction));
        Assert.Equal(Lines((Spendable(oldest), -10)), m.Entries(LedgerKinds.Adjustment).Last().Liability!.Lines);
        AssertCountedMatchesSummary(m);
    }

    [Fact]
    public void A_void_puts_the_points_back_on_the_days_they_were_taken_from()
    {
        var m = new TestMember();
        Tracked(m, () => m.Buy(Item(30m)));
        Advance(m, 40);
        Tracked(m, () => m.Buy(Item(20m)));
        var days = m.State.Lots.Select(l => l.ExpiresOn).ToArray();
        var firstPoints = m.State.Lots[0].Points;
        Tracked(m, () => TestMember.Ok(m.TryRedeem(firstPoints + 5, transactionId: "R1")));

        Tracked(m, () => m.Void("R1"));

        var entry = Assert.Single(m.Entries(LedgerKinds.RedemptionVoided));
        Assert.Equal(Lines((Spendable(days[0]), firstPoints), (Spendable(days[1]), 5)), entry.Liability!.Lines);
        AssertCountedMatchesSummary(m);
    }

    [Fact]
    public void Entries_that_change_no_points_carry_no_change()
    {
        var m = new TestMember();
        Tracked(m, () => m.Buy(Item(30m)));
        Tracked(m, () => m.Join("book-club"));

        Assert.Null(m.Entries(LedgerKinds.ClubJoined).Single().Liability);
        Assert.Null(m.State.LiabilityCarry);
    }

    [Fact]
    public void A_member_stored_before_the_counters_existed_is_counted_whole_by_their_next_change()
    {
        var m = new TestMember();
        m.Buy(Item(30m)); // untracked: as stored before the counters
        m.AdvanceDays(40);
        m.Buy(Item(20m));
        Assert.False(m.State.LiabilityCounted);
        var lots = m.State.Lots.Select(l => (l.ExpiresOn, l.Points)).ToArray();

        Tracked(m, () => m.Redeem(1));

        Assert.True(m.State.LiabilityCounted);
        var entry = m.Entries(LedgerKinds.Redemption).Single();
        Assert.Equal(Lines((Spendable(lots[0].ExpiresOn), lots[0].Points - 1), (Spendable(lots[1].ExpiresOn), lots[1].Points)),
            entry.Liability!.Lines);
    }

    [Fact]
    public void A_change_without_an_entry_waits_for_the_next_entry()
    {
        var m = new TestMember();
        m.Buy(Item(30m)); // untracked, as stored before the counters
        var lot = m.State.Lots[0];
        var (day, points) = (lot.ExpiresOn, lot.Points);

        Advance(m, 1); // the housekeeping appends nothing: the whole summary waits in the state

        Assert.Equal(Lines((Spendable(day), points)), m.State.LiabilityCarry!.Lines);
        Tracked(m, () => m.Join("book-club"));
        Assert.Null(m.State.LiabilityCarry);
        Assert.Equal(Lines((Spendable(day), points)), m.Entries(LedgerKinds.ClubJoined).Single().Liability!.Lines);
        AssertCountedMatchesSummary(m);
    }

    [Fact]
    public void A_long_history_adds_up_to_the_summary()
    {
        var m = new TestMember();
        for (var i = 0; i < 30; i++)
        {
            Tracked(m, () => m.BuyAs($"S{i}", Item(10m + i)));
            if (i % 3 == 0)
                Tracked(m, () => m.Redeem(Math.Min(7, m.Balance)));
            if (i % 7 == 0 && i > 0)
                Tracked(m, () => m.Refund($"S{i - 1}", Back("ITEM")));
            if (i % 5 == 0)
                Tracked(m, () => m.Adjust(i % 10 == 0 ? 15 : -Math.Min(3, m.Balance), i % 10 == 0 ? AdjustmentReasons.Goodwill : AdjustmentReasons.Correction));
            Advance(m, 29);
        }

        Assert.NotEmpty(m.Entries(LedgerKinds.PointsExpired));
        AssertCountedMatchesSummary(m);
    }

    [Fact]
    public void Pending_points_are_counted_as_pending_until_their_release_moves_them_to_spendable()
    {
        var options = ProgrammeOptions.Demo();
        options.PendingDays = 14;
        var m = new TestMember(options);
        var sale = Tracked(m, () => m.BuyAs("S1", Item(40m)));
        var pending = Assert.Single(m.State.PendingLots);
        var purchase = Assert.Single(m.Entries(LedgerKinds.Purchase));
        Assert.Equal(Lines((new LiabilityKey(LiabilityKind.Pending, pending.ExpiresOn), sale.PointsEarned)), purchase.Liability!.Lines);

        Tracked(m, () => m.BuyAs("S2", Item(10m)));
        Tracked(m, () => m.Refund("S2", Back("ITEM")));
        AssertCountedMatchesSummary(m);

        Advance(m, 15);

        Assert.Empty(m.State.PendingLots);
        var release = Assert.Single(m.Entries(LedgerKinds.PointsReleased));
        Assert.Equal(Lines((Spendable(pending.ExpiresOn), sale.PointsEarned), (new LiabilityKey(LiabilityKind.Pending, pending.ExpiresOn), -sale.PointsEarned)),
            release.Liability!.Lines.OrderBy(l => l.Key.Kind).ToArray());
        AssertCountedMatchesSummary(m);
    }

    [Fact]
    public void The_stored_json_names_each_part_and_reads_back_the_same()
    {
        var change = LiabilityChange.Of(new Dictionary<LiabilityKey, long>
        {
            [Spendable(new DateOnly(2027, 3, 31))] = 120,
            [new LiabilityKey(LiabilityKind.Pending, new DateOnly(2027, 4, 30))] = 50,
            [LiabilityKey.Debt] = -20,
        })!;

        var json = change.ToJson();

        Assert.Equal("""{"spendable":{"2027-03-31":120},"pending":{"2027-04-30":50},"debt":-20}""", json);
        Assert.Equal(change, LiabilityChange.FromJson(json));
        Assert.Null(LiabilityChange.FromJson(null));
    }

    [Theory]
    [InlineData("""{"debt":-20,"pending":{"2027-04-30":50},"spendable":{"2027-03-31":120}}""")] // parts in any order
    [InlineData("""{"spendable":{"2027-03-31":100,"2027-03-31":20},"pending":{"2027-04-30":50},"debt":-20}""")] // a day twice: summed
    [InlineData("""{"later":{"a":[1,{"b":2}]},"spendable":{"2027-03-31":120},"pending":{"2027-04-30":50},"debt":-20,"x":null}""")] // parts unknown: skipped
    [InlineData("""{"spendable":{"\u0032027-03-31":120},"pending":{"2027-04-30":50,"2027-05-01":0},"debt":-20}""")] // escaped; a day of 0
    public void The_stored_json_is_read_by_its_parts_not_by_their_order(string json)
    {
        var change = LiabilityChange.FromJson(json)!;

        Assert.Equal(Lines((Spendable(new DateOnly(2027, 3, 31)), 120), (new LiabilityKey(LiabilityKind.Pending, new DateOnly(2027, 4, 30)), 50),
            (LiabilityKey.Debt, -20)), change.Lines);
        Assert.Equal("""{"spendable":{"2027-03-31":120},"pending":{"2027-04-30":50},"debt":-20}""", change.ToJson());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"spendable":120}""")]
    [InlineData("""{"spendable":{"2027-02-30":1}}""")]
    [InlineData("""{"spendable":{"27-03-31":1}}""")]
    [InlineData("""{"spendable":{"2027-03-31":"1"}}""")]
    [InlineData("""{"debt":1.5}""")]
    [InlineData("""{"debt":""")]
    public void Stored_json_that_is_not_a_change_is_refused_rather_than_misread(string json) =>
        Assert.Throws<FormatException>(() => LiabilityChange.FromJson(json));

    [Fact]
    public void Changes_that_cancel_out_combine_to_none_and_the_rest_stay_in_order()
    {
        var (early, late) = (Spendable(new DateOnly(2027, 1, 31)), Spendable(new DateOnly(2027, 9, 30)));
        var first = new LiabilityChange(Lines((LiabilityKey.Debt, 5), (late, 10), (early, 3)));
        var second = new LiabilityChange(Lines((late, -10), (early, -3), (LiabilityKey.Debt, -5)));

        Assert.Null(LiabilityChange.Combine(first, second));
        Assert.Equal(Lines((early, 4), (late, 10), (LiabilityKey.Debt, 5)),
            LiabilityChange.Combine(first, new LiabilityChange(Lines((early, 1))))!.Lines);
        Assert.Same(first, LiabilityChange.Combine(first, null));
    }

    [Fact]
    public void The_difference_of_two_summaries_has_each_line_that_changed_came_or_went_in_order()
    {
        var (a, b, c) = (Spendable(new DateOnly(2027, 1, 31)), Spendable(new DateOnly(2027, 2, 28)), Spendable(new DateOnly(2027, 3, 31)));
        var pending = new LiabilityKey(LiabilityKind.Pending, new DateOnly(2027, 1, 31));

        var difference = LiabilityLines.Difference(Lines((a, 10), (b, 5), (pending, 7)), Lines((b, 5), (c, 3), (pending, 9), (LiabilityKey.Debt, 2)));

        Assert.Equal(Lines((a, -10), (c, 3), (pending, 2), (LiabilityKey.Debt, 2)), difference);
        Assert.Empty(LiabilityLines.Difference(Lines((a, 1)), Lines((a, 1))));
    }

    [Fact]
    public void Lines_out_of_order_twice_or_of_0_are_sorted_and_summed_and_lines_in_order_kept_as_they_are()
    {
        var (a, b) = (Spendable(new DateOnly(2027, 1, 31)), Spendable(new DateOnly(2027, 2, 28)));
        var inOrder = Lines((a, 1), (b, 2), (LiabilityKey.Debt, 3));

        Assert.Same(inOrder, LiabilityLines.Sorted(inOrder));
        Assert.Equal(Lines((a, 5), (LiabilityKey.Debt, 3)), LiabilityLines.Sorted(Lines((LiabilityKey.Debt, 3), (a, 1), (b, 0), (a, 4))));
    }
}
