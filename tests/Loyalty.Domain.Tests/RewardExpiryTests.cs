using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class RewardExpiryTests
{
    private static (TestMember Member, string RewardId) MemberWithReward()
    {
        var m = new TestMember();
        var reward = Assert.Single(m.Buy(Coffee(9)).RewardsIssued);
        return (m, reward.RewardId);
    }

    [Fact]
    public void A_reward_expires_ninety_days_after_issue()
    {
        var (m, id) = MemberWithReward();
        Assert.Equal(T0.AddDays(90), m.OpenRewards.Single(r => r.RewardId == id).ExpiresAt);
    }

    [Fact]
    public void A_reward_can_be_used_until_just_before_it_expires()
    {
        var (m, id) = MemberWithReward();
        m.AdvanceTo(T0.AddDays(90).AddSeconds(-1));
        var outcome = m.RedeemReward(id);
        Assert.Equal(id, outcome.RewardRedeemed!.RewardId);
        Assert.Equal(0, outcome.PointsRedeemed);
    }

    [Fact]
    public void Advance_marks_a_reward_expired_at_exactly_ninety_days()
    {
        var (m, id) = MemberWithReward();
        m.AdvanceTo(T0.AddDays(90).AddTicks(-1));
        Assert.Equal(RewardStatus.Issued, m.StatusOf(id));
        Assert.Empty(m.Entries(LedgerKinds.RewardExpired));

        Assert.True(m.AdvanceTo(T0.AddDays(90)));

        Assert.Empty(m.OpenRewards);
        Assert.Equal(RewardStatus.Expired, m.StatusOf(id));
        Assert.Equal(Day(T0.AddDays(90)), m.ClosedOn(id));
        var entry = m.LastEntry;
        Assert.Equal(LedgerKinds.RewardExpired, entry.Kind);
        Assert.Equal(0, entry.Points);
        Assert.Contains(id, entry.Details, StringComparison.Ordinal);
        TestMember.Rejected(m.TryRedeem(null, id), RejectionCode.RewardUnavailable);
    }

    [Fact]
    public void A_reward_at_its_expiry_instant_is_refused_even_before_advance_runs()
    {
        var (m, id) = MemberWithReward();
        m.Now = T0.AddDays(90);
        var rejection = TestMember.Rejected(m.TryRedeem(null, id), RejectionCode.RewardUnavailable);
        Assert.Contains("expired", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(RewardStatus.Issued, m.StatusOf(id)); // a refusal changes nothing
    }

    [Fact]
    public void The_account_lists_only_usable_rewards()
    {
        var (m, id) = MemberWithReward();
        Assert.Equal(id, Assert.Single(m.Programme.View(m.State, "M-1", T0.AddDays(89)).Rewards).RewardId);
        Assert.Empty(m.Programme.View(m.State, "M-1", T0.AddDays(90)).Rewards);
    }

    [Fact]
    public void Expiry_is_written_once()
    {
        var (m, _) = MemberWithReward();
        m.AdvanceTo(T0.AddDays(91));
        m.AdvanceTo(T0.AddDays(92));
        Assert.Single(m.Entries(LedgerKinds.RewardExpired));
    }

    [Fact]
    public void A_used_reward_does_not_expire()
    {
        var (m, id) = MemberWithReward();
        m.RedeemReward(id);
        m.AdvanceTo(T0.AddDays(100));
        Assert.Empty(m.Entries(LedgerKinds.RewardExpired));
    }

    [Fact]
    public void Reward_validity_is_configuration()
    {
        var options = ProgrammeOptions.Demo();
        options.RewardExpiryDays = 7;
        var m = new TestMember(options);
        var reward = Assert.Single(m.Buy(Coffee(9)).RewardsIssued);
        Assert.Equal(T0.AddDays(7), reward.ExpiresAt);
    }
}
