using Loyalty.Domain;

namespace Loyalty.Domain.Tests;

public class OptionsValidationTests
{
    private static string SingleError(Action<ProgrammeOptions> change)
    {
        var options = ProgrammeOptions.Demo();
        change(options);
        return Assert.Single(ProgrammeOptionsValidation.Validate(options));
    }

    [Fact]
    public void The_demo_programme_is_valid_and_matches_the_contract()
    {
        var o = ProgrammeOptions.Demo();
        Assert.Empty(ProgrammeOptionsValidation.Validate(o));
        Assert.Equal("EUR", o.Currency);
        Assert.Equal(1m, o.PointsPerCurrencyUnit);
        Assert.Equal([("Member", 0m, 1.0m), ("Silver", 500m, 1.25m), ("Gold", 2000m, 1.5m)],
            o.Tiers.Select(t => (t.Name, t.Threshold, t.Multiplier)).ToArray());
        var card = Assert.Single(o.StampCards);
        Assert.Equal(("coffee", "coffee", 9, "free-item"), (card.CardId, card.Category, card.StampsRequired, card.RewardKind));
        Assert.Equal((12, 12, 12, 90, 30, 200),
            (o.TierQualifyingMonths, o.TierHoldMonths, o.PointsExpiryMonths, o.RewardExpiryDays, o.TransactionWindowDays, o.MaxRememberedTransactions));
        Assert.Equal(100, o.MaxRewardsPerSale);
        Assert.Equal(90, o.RefundWindowDays);
        Assert.Equal(0, o.PendingDays);
        Assert.Equal(10_000, o.MaxAdjustmentPoints);
        Assert.Equal("Loyalty:Program", ProgrammeOptions.SectionName);
    }

    public static TheoryData<string, Action<ProgrammeOptions>> BadSettings() => new()
    {
        { "Loyalty:Program:Currency", o => o.Currency = "eur" },
        { "Loyalty:Program:Currency", o => o.Currency = "EURO" },
        { "Loyalty:Program:Currency", o => o.Currency = "" },
        { "Loyalty:Program:PointsPerCurrencyUnit", o => o.PointsPerCurrencyUnit = -1m },
        { "Loyalty:Program:PointsPerCurrencyUnit", o => o.PointsPerCurrencyUnit = 1001m },
        { "Loyalty:Program:Tiers:0:Threshold", o => o.Tiers[0].Threshold = 10m },
        { "Loyalty:Program:Tiers:1:Threshold", o => o.Tiers[1].Threshold = 0m },
        { "Loyalty:Program:Tiers:2:Threshold", o => o.Tiers[2].Threshold = 500m },
        { "Loyalty:Program:Tiers:1:Name", o => o.Tiers[1].Name = " " },
        { "Loyalty:Program:Tiers:2:Multiplier", o => o.Tiers[2].Multiplier = -0.5m },
        { "Loyalty:Program:Tiers:0:Multiplier", o => o.Tiers[0].Multiplier = 101m },
        { "Loyalty:Program:Tiers names", o => o.Tiers[2].Name = "silver" },
        { "Loyalty:Program:Tiers must", o => o.Tiers.Clear() },
        { "Loyalty:Program:TierQualifyingMonths", o => o.TierQualifyingMonths = 0 },
        { "Loyalty:Program:TierHoldMonths", o => o.TierHoldMonths = -1 },
        { "Loyalty:Program:StampCards:0:CardId", o => o.StampCards[0].CardId = "" },
        { "Loyalty:Program:StampCards:0:Category", o => o.StampCards[0].Category = "" },
        { "Loyalty:Program:StampCards:0:StampsRequired", o => o.StampCards[0].StampsRequired = 0 },
        { "Loyalty:Program:StampCards:0:RewardKind", o => o.StampCards[0].RewardKind = "" },
        { "Loyalty:Program:StampCards card ids", o => o.StampCards.Add(new StampCardRule { CardId = "COFFEE", Category = "tea" }) },
        { "Loyalty:Program:PointsExpiryMonths", o => o.PointsExpiryMonths = 0 },
        { "Loyalty:Program:RewardExpiryDays", o => o.RewardExpiryDays = 0 },
        { "Loyalty:Program:TransactionWindowDays", o => o.TransactionWindowDays = 367 },
        { "Loyalty:Program:RefundWindowDays", o => o.RefundWindowDays = 0 },
        { "Loyalty:Program:RefundWindowDays", o => o.RefundWindowDays = 1097 },
        { "Loyalty:Program:MaxRememberedTransactions", o => o.MaxRememberedTransactions = 9 },
        { "Loyalty:Program:MaxRewardsPerSale", o => o.MaxRewardsPerSale = 0 },
        { "Loyalty:Program:MaxRewardsPerSale", o => o.MaxRewardsPerSale = 10_001 },
        { "Loyalty:Program:MaxAdjustmentPoints", o => o.MaxAdjustmentPoints = 0 },
        { "Loyalty:Program:MaxAdjustmentPoints", o => o.MaxAdjustmentPoints = 1_000_000_001 },
        { "Loyalty:Program:PendingDays", o => o.PendingDays = -1 },
        { "Loyalty:Program:PendingDays", o => o.PendingDays = 366 },
        { "Loyalty:Program:MaxClubs", o => o.MaxClubs = 0 },
        { "Loyalty:Program:MaxClubs", o => o.MaxClubs = 10_001 },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Each_bad_setting_is_reported_by_its_key(string key, Action<ProgrammeOptions> change)
    {
        Assert.StartsWith(key, SingleError(change), StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_says_what_was_found()
    {
        var message = SingleError(o => o.Tiers[1].Threshold = 0m);
        Assert.Equal("Loyalty:Program:Tiers:1:Threshold must be above the threshold of tier 0 (got 0).", message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = ProgrammeOptions.Demo();
        options.Currency = "x";
        options.RewardExpiryDays = 0;
        options.Tiers[1].Multiplier = -1m;
        var errors = ProgrammeOptionsValidation.Validate(options);
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void A_programme_refuses_invalid_rules()
    {
        var options = ProgrammeOptions.Demo();
        options.Tiers[1].Threshold = 0m;
        var error = Assert.Throws<ArgumentException>(() => new Programme(options));
        Assert.Contains("Loyalty:Program:Tiers:1:Threshold", error.Message, StringComparison.Ordinal);
        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void Boundary_values_are_accepted()
    {
        var options = ProgrammeOptions.Demo();
        options.PointsPerCurrencyUnit = 0m;
        options.TierHoldMonths = 0;
        options.TransactionWindowDays = 366;
        options.RefundWindowDays = 1096;
        options.MaxRememberedTransactions = 10;
        options.StampCards[0].StampsRequired = 1000;
        Assert.Empty(ProgrammeOptionsValidation.Validate(options));
    }

    [Fact]
    public void A_zero_rate_earns_nothing_but_still_stamps_and_counts_for_tiers()
    {
        var options = ProgrammeOptions.Demo();
        options.PointsPerCurrencyUnit = 0m;
        var m = new TestMember(options);
        var outcome = m.Buy(Kit.Coffee(2, unitPrice: 300m));
        Assert.Equal(0, outcome.PointsEarned);
        Assert.Equal("Silver", outcome.Tier);
        Assert.Equal(2, m.Stamps());
    }
}
