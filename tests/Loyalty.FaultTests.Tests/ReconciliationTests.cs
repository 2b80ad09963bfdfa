using Loyalty.FaultTests.Verification;

namespace Loyalty.FaultTests.Tests;

public sealed class ReconciliationTests
{
    [Fact]
    public void Every_acknowledged_id_once_in_the_ledger_is_exact()
    {
        var result = Reconciliation.Of(["T-1", "T-2", "T-3"], ["T-3", "T-2", "T-1"]);

        Assert.Equal(new Reconciliation(3, 3, 0, 0, 0), result);
        Assert.True(result.Exact);
    }

    [Fact]
    public void An_acknowledged_id_missing_from_the_ledger_is_lost()
    {
        var result = Reconciliation.Of(["T-1", "T-2", "T-3"], ["T-1", "T-3"]);

        Assert.Equal(new Reconciliation(3, 2, 0, 1, 0), result);
        Assert.False(result.Exact);
    }

    [Fact]
    public void An_id_written_twice_is_found_once_and_counted_as_duplicated()
    {
        var result = Reconciliation.Of(["T-1", "T-2"], ["T-1", "T-2", "T-2", "T-2"]);

        Assert.Equal(new Reconciliation(2, 2, 1, 0, 0), result);
        Assert.False(result.Exact);
    }

    [Fact]
    public void A_ledger_id_never_acknowledged_is_unexpected()
    {
        var result = Reconciliation.Of(["T-1"], ["T-1", "T-9"]);

        Assert.Equal(new Reconciliation(1, 1, 0, 0, 1), result);
        Assert.False(result.Exact);
    }

    [Fact]
    public void Entries_without_a_transaction_id_are_not_counted()
    {
        var result = Reconciliation.Of(["T-1"], [null, "T-1", null]);

        Assert.True(result.Exact);
    }

    [Fact]
    public void An_id_acknowledged_twice_by_the_client_counts_once()
    {
        var result = Reconciliation.Of(["T-1", "T-1"], ["T-1"]);

        Assert.Equal(new Reconciliation(1, 1, 0, 0, 0), result);
    }

    [Fact]
    public void Ids_are_compared_exactly_case_included()
    {
        var result = Reconciliation.Of(["t-1"], ["T-1"]);

        Assert.Equal(new Reconciliation(1, 0, 0, 1, 1), result);
    }

    [Fact]
    public void Members_add_up()
    {
        var total = Reconciliation.Of(["A-1", "A-2"], ["A-1", "A-2", "A-2"]) + Reconciliation.Of(["B-1"], []) + Reconciliation.None;

        Assert.Equal(new Reconciliation(3, 2, 1, 1, 0), total);
    }

    [Fact]
    public void Nothing_acknowledged_and_nothing_written_is_exact()
    {
        Assert.True(Reconciliation.Of([], []).Exact);
    }
}
