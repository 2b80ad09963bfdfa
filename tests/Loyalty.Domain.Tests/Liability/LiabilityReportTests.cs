using Loyalty.Domain;

namespace Loyalty.Domain.Tests.Liability;

public class LiabilityReportTests
{
    private static readonly DateOnly Today = new(2026, 6, 17);

    private static LiabilityLine Line(LiabilityKind kind, DateOnly day, long points) => new(new LiabilityKey(kind, day), points);

    [Fact]
    public void Days_group_into_months_from_today_on_and_earlier_days_are_left_out()
    {
        var lines = new[]
        {
            Line(LiabilityKind.Spendable, Today.AddDays(-1), 500), // expired yesterday: its member was not touched since
            Line(LiabilityKind.Spendable, Today, 10),
            Line(LiabilityKind.Spendable, new DateOnly(2026, 6, 30), 5),
            Line(LiabilityKind.Pending, new DateOnly(2026, 7, 1), 7),
            Line(LiabilityKind.Spendable, new DateOnly(2027, 1, 31), 100),
            new LiabilityLine(LiabilityKey.Debt, 30),
        };

        var report = LiabilityReport.Build(lines, Today, 0.01m);

        Assert.Equal(
        [
            new LiabilityMonth("2026-06", new LiabilityAmount(15, 0.15m), new LiabilityAmount(0, 0m)),
            new LiabilityMonth("2026-07", new LiabilityAmount(0, 0m), new LiabilityAmount(7, 0.07m)),
            new LiabilityMonth("2027-01", new LiabilityAmount(100, 1.00m), new LiabilityAmount(0, 0m)),
        ], report.Months);
        Assert.Equal(new LiabilityAmount(115, 1.15m), report.Outstanding);
        Assert.Equal(new LiabilityAmount(7, 0.07m), report.Pending);
        Assert.Equal(new LiabilityAmount(30, 0.30m), report.Debt);
    }

    [Fact]
    public void Months_whose_points_add_up_to_nothing_are_left_out()
    {
        var report = LiabilityReport.Build([Line(LiabilityKind.Spendable, new DateOnly(2026, 8, 1), 0)], Today, 0.5m);

        Assert.Empty(report.Months);
        Assert.Equal(new LiabilityAmount(0, 0m), report.Outstanding);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("-0.01", false)]
    [InlineData("1000.01", false)]
    [InlineData("0.0000001", false)]
    [InlineData("0.000001", true)]
    [InlineData("0.01", true)]
    [InlineData("1000", true)]
    public void The_point_value_is_above_zero_at_most_1000_with_at_most_6_decimals(string value, bool valid)
    {
        var options = ProgrammeOptions.Demo();
        options.PointValue = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        var errors = ProgrammeOptionsValidation.Validate(options);

        Assert.Equal(valid, !errors.Any(e => e.Contains("Loyalty:Program:PointValue", StringComparison.Ordinal)));
    }
}
