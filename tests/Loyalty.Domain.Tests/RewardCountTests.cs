using System.Text.Json;
using Loyalty.Domain;
using Xunit.Abstractions;
using static Loyalty.Domain.Tests.Kit;
using static Loyalty.Domain.Tests.PromotionKit;

namespace Loyalty.Domain.Tests;

/// <summary>
/// However much a member buys, their rewards cost the stored state and the account a few groups with counts, and a
/// sale that would issue more than <see cref="ProgrammeOptions.MaxRewardsPerSale"/> is refused.
/// </summary>
public class RewardCountTests(ITestOutputHelper output)
{
    private const int MaxBytes = 16 * 1024;

    /// <summary>The most a sale may hold: 500 lines of 10,000 units (the request validation's limits).</summary>
    private static PurchaseLine[] FiftyLinesOfTenThousandCoffees() =>
        Enumerable.Range(0, 50).Select(i => new PurchaseLine($"COFFEE-{i}", "coffee", 10_000, 0.00m)).ToArray();

    [Fact]
    public void Fifty_lines_of_ten_thousand_coffees_are_refused_and_change_nothing()
    {
        var m = new TestMember();
        m.Buy(Coffee(5));
        var before = StateSnapshot.Of(m.State);
        var entries = m.State.Outbox.Count;

        var rejection = TestMember.Rejected(m.TryBuy("BIG", null, FiftyLinesOfTenThousandCoffees()), RejectionCode.TooManyRewards);

        Assert.Equal("This sale would issue 55556 rewards; a sale may issue at most 100 (Loyalty:Program:MaxRewardsPerSale).", rejection.Detail);
        Assert.Equal(before, StateSnapshot.Of(m.State));
        Assert.Equal(entries, m.State.Outbox.Count);
        Assert.False(m.State.Transactions.ContainsKey("BIG")); // not remembered: the same id may carry a smaller basket
        Assert.Equal(100, Assert.Single(TestMember.Ok(m.TryBuy("BIG", null, Coffee(895))).RewardsIssued).Count);
    }

    [Fact]
    public void The_limit_counts_the_stamps_on_the_card_and_the_sale_s_bonus_stamps()
    {
        var m = new TestMember();
        Assert.Equal(100, Assert.Single(m.Buy(Coffee(900)).RewardsIssued).Count);
        Assert.Equal(100, Assert.Single(m.Buy(Coffee(908)).RewardsIssued).Count); // 8 stamps left
        Assert.Equal(8, m.Stamps());
        TestMember.Rejected(m.TryBuy("X", null, Coffee(901)), RejectionCode.TooManyRewards); // 8 + 901 = 909: 101 rewards
        Assert.Equal(100, Assert.Single(m.Buy(Coffee(900)).RewardsIssued).Count); // 908: 100, and 8 left

        var p = MemberWith(Promo("P1", BonusStamps(9)));
        TestMember.Rejected(p.TryBuy("X", null, Coffee(900)), RejectionCode.TooManyRewards); // 909 stamps with the bonus
        Assert.Equal(100, Assert.Single(p.Buy(Coffee(891)).RewardsIssued).Count);

        var options = ProgrammeOptions.Demo();
        options.MaxRewardsPerSale = 1;
        var one = new TestMember(options);
        Assert.Contains("at most 1 (", TestMember.Rejected(one.TryBuy("X", null, Coffee(18)), RejectionCode.TooManyRewards).Detail,
            StringComparison.Ordinal);
        Assert.Single(one.Buy(Coffee(17)).RewardsIssued);
    }

    [Fact]
    public void A_refused_sale_takes_no_promotion_budget_and_counts_no_use()
    {
        var allowance = new PromotionAllowance();
        allowance.Grant("bonus", 1000);
        var m = MemberWith(allowance, null, Promo("bonus", BonusPoints(50), limit: 1, budget: 1000));
        var before = StateSnapshot.Of(m.State);

        TestMember.Rejected(m.TryBuy("BIG", null, FiftyLinesOfTenThousandCoffees()), RejectionCode.TooManyRewards);

        Assert.Equal(1000, allowance.Remaining("bonus"));
        Assert.Empty(m.State.PromotionUses);
        Assert.Equal(before, StateSnapshot.Of(m.State));
        Assert.Single(m.Buy(Coffee(9)).PromotionsApplied); // the one use is still there
    }

    /// <summary>
    /// 100 days of four sales a day, each of 500 lines (9 of coffee, 491 of 10,000 free items) issuing 100 rewards, with
    /// redemptions and refunds: 40,000 rewards issued, those of 91 days open at once.
    /// </summary>
    [Fact]
    public void A_member_who_buys_absurd_quantities_keeps_a_stored_state_and_an_account_under_16_KB()
    {
        var m = new TestMember();
        var lines = Enumerable.Range(0, 9).Select(i => Coffee(100, sku: $"COFFEE-{i}"))
            .Concat(Enumerable.Range(0, 491).Select(i => new PurchaseLine($"FREE-{i}", "general", 10_000, 0.00m)))
            .ToArray();
        for (var day = 0; day < 100; day++)
        {
            for (var sale = 0; sale < 4; sale++)
            {
                m.AdvanceTo(T0.AddDays(day).AddHours(sale * 3).AddTicks(day * 1_234_567L + sale));
                var id = $"D{day}-{sale}";
                m.BuyAs(id, lines);
                if (sale == 1)
                    m.Refund(id, Back("COFFEE-0", 10));
            }
            m.RedeemReward(m.Programme.View(m.State, "M-1", m.Now).Rewards[^1].RewardId);
            m.State.Outbox.Clear(); // as the grain does once the ledger has the entries
        }

        var stored = StoredState.Size(m.State);
        var account = JsonSerializer.SerializeToUtf8Bytes(m.Programme.View(m.State, "M-1", m.Now), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        output.WriteLine($"stored state: {stored} bytes; account: {account.Length} bytes; reward entries: {m.Programme.View(m.State, "M-1", m.Now).Rewards.Count}");
        Assert.InRange(stored, 1, MaxBytes);
        Assert.InRange(account.Length, 1, MaxBytes);
    }

    /// <summary>
    /// A state stored before rewards were counted, by the serializer of that version: sales A, B and C on one day issued
    /// coffee-3, coffee-5 and coffee-7 (one batch of three numbers), and coffee-5 was redeemed.
    /// </summary>
    internal const string StateBeforeCounts =
        "IAADIehAB0FkYUEfYWRhQGV4YW1wbGUub3JnwQHBAeAhgACQbNgcVN4IgQAAAAAAAAAA4CEAAyFgm0oLAAGiAuDgAQFBDU1lbWJlcsEBwQHBASEBA2EuSQsAQCEAAAIAAAAAAMAhAAAAAAAA4CEwATEs1C4dU3RyaW5nQ29tcGFyZXIAAwEB4AEDQQ1jb2ZmZWUAAeAEISHgQSEAAAIAAAAAAMAhAAAAAAAAIYAqYPWbLVTeCIEAAAAAAAAAAOAhAAMhwD1hiEkLACEABQENAB3gIQAFASAACNboKQAgFXCaSjLg4OAhAAMhwD0JAwVhLkkLACEAAwEV4ODgITgDAAMBAeDgITgDAAMBAeDg4A==";

    [Fact]
    public void A_state_stored_before_rewards_were_counted_loads_and_its_rewards_still_work()
    {
        var m = new TestMember();
        var loaded = StoredState.Load(Convert.FromBase64String(StateBeforeCounts));
        m.Now = T0.AddHours(3);
        var view = m.Programme.View(loaded, "M-1", m.Now);

        Assert.Equal([("coffee-3", 1), ("coffee-7", 1)], view.Rewards.Select(r => (r.RewardId, r.Count)));
        Assert.Equal(RewardStatus.Redeemed, Programme.RewardStatusOf(loaded, "coffee-5"));
        Assert.Equal("coffee-3", m.Programme.ApplyRedemption(loaded, new Redemption("R-1", "S-01", null, "coffee-3"), m.Now)
            .Value!.RewardRedeemed!.RewardId);

        // A new reward that expires the same day joins the last group; the old rewards keep their ids.
        var sale = m.Programme.ApplyPurchase(loaded, new Purchase("D", "S-01", null, [Coffee(18)]), m.Now).Value!;
        Assert.Equal(("coffee-7", 2), (sale.RewardsIssued[0].RewardId, sale.RewardsIssued[0].Count));
        Assert.Equal([("coffee-7", 3)], m.Programme.View(loaded, "M-1", m.Now).Rewards.Select(r => (r.RewardId, r.Count)));
        var stored = StoredState.RoundTrip(loaded);
        Assert.Equal([3], Assert.Single(stored.RewardBatches).Counts);
        Assert.Equal(m.Programme.View(loaded, "M-1", m.Now).Rewards, m.Programme.View(stored, "M-1", m.Now).Rewards);
    }
}
