using Loyalty.FaultTests;

namespace Loyalty.FaultTests.Tests;

public sealed class FaultReportTests
{
    [Fact]
    public void A_report_without_checks_has_not_passed()
    {
        var report = new FaultReport("kill-node").Count("acknowledged", 10);

        Assert.False(report.Passed);
    }

    [Fact]
    public void One_failed_check_fails_the_report_and_is_printed_as_failed()
    {
        var report = new FaultReport("kill-node")
            .Count("acknowledged", 4812)
            .Check("every acknowledged purchase is in the ledger once", true)
            .Check("no purchase is in the ledger twice", false);

        Assert.False(report.Passed);
        var text = report.ToString();
        Assert.Contains("kill-node: FAILED", text);
        Assert.Contains("acknowledged: 4,812", text);
        Assert.Contains("[FAILED] no purchase is in the ledger twice", text);
        Assert.Contains("[ok] every acknowledged purchase is in the ledger once", text);
    }

    [Fact]
    public void All_checks_held_is_a_pass()
    {
        var report = new FaultReport("redemptions").Check("the balance never went below zero", true);

        Assert.True(report.Passed);
        Assert.Contains("redemptions: passed", report.ToString());
    }
}
