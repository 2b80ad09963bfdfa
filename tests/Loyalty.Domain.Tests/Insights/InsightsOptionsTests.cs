using Loyalty.Domain.Insights;

namespace Loyalty.Domain.Tests.Insights;

public class InsightsOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_those_of_the_documentation()
    {
        var o = new InsightsOptions();
        Assert.Empty(o.Validate());
        Assert.Equal((3.0, 14, 4, 90), (o.LapseMultiple, o.MinLapseDays, o.MinOrdersForInterval, o.LostAfterDays));
        Assert.Equal((3, 3, 0.30), (o.AovWindowMonths, o.AovMinOrders, o.AovDropRatio));
        Assert.Equal((3, 60, 2), (o.CategoryMinMonths, o.CategoryGapDays, o.CategoryMinOrdersSince));
        Assert.Equal((0.2, 60, 200), (o.TopShare, o.SegmentRefreshSeconds, o.ProjectionRate));
        Assert.Equal("Loyalty:Insights", InsightsOptions.SectionName);
    }

    public static TheoryData<string, Action<InsightsOptions>> BadSettings() => new()
    {
        { "LapseMultiple", o => o.LapseMultiple = 0.99 },
        { "LapseMultiple", o => o.LapseMultiple = double.NaN },
        { "MinLapseDays", o => o.MinLapseDays = 0 },
        { "MinOrdersForInterval", o => o.MinOrdersForInterval = 1 },
        { "LostAfterDays", o => o.LostAfterDays = 3651 },
        { "LostAfterDays", o => o.LostAfterDays = 14 },
        { "AovWindowMonths", o => o.AovWindowMonths = 0 },
        { "AovWindowMonths", o => o.AovWindowMonths = 13 },
        { "AovMinOrders", o => o.AovMinOrders = 0 },
        { "AovDropRatio", o => o.AovDropRatio = 0 },
        { "AovDropRatio", o => o.AovDropRatio = 1 },
        { "CategoryMinMonths", o => o.CategoryMinMonths = 0 },
        { "CategoryMinMonths", o => o.CategoryMinMonths = 13 },
        { "CategoryGapDays", o => o.CategoryGapDays = 0 },
        { "CategoryMinOrdersSince", o => o.CategoryMinOrdersSince = 0 },
        { "TopShare", o => o.TopShare = 0 },
        { "TopShare", o => o.TopShare = 1.01 },
        { "SegmentRefreshSeconds", o => o.SegmentRefreshSeconds = 0 },
        { "ProjectionRate", o => o.ProjectionRate = -1 },
        { "ProjectionRate", o => o.ProjectionRate = 100_001 },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Each_bad_setting_gives_one_error_naming_its_key(string key, Action<InsightsOptions> change)
    {
        var o = new InsightsOptions();
        change(o);
        Assert.StartsWith($"Loyalty:Insights:{key} must be", Assert.Single(o.Validate()));
    }

    [Theory]
    [InlineData(1, 1, 15)]
    [InlineData(100, 0.01, 3650)]
    public void The_limits_themselves_are_valid(double lapseMultiple, double topShare, int lostAfterDays) =>
        Assert.Empty(new InsightsOptions { LapseMultiple = lapseMultiple, TopShare = topShare, LostAfterDays = lostAfterDays, AovDropRatio = 0.99 }.Validate());

    [Fact]
    public void Reason_kinds_have_their_API_names()
    {
        foreach (var kind in Enum.GetValues<RiskReasonKind>())
        {
            Assert.True(RiskReasonNames.TryParse(RiskReasonNames.NameOf(kind), out var back));
            Assert.Equal(kind, back);
        }
        Assert.Equal(["lapsed", "aov-falling", "category-dropped"], Enum.GetValues<RiskReasonKind>().Select(RiskReasonNames.NameOf));
        Assert.False(RiskReasonNames.TryParse("Lapsed", out _));
        Assert.False(RiskReasonNames.TryParse(null, out _));
    }
}
