using Loyalty.Domain;

namespace Loyalty.Storage.Tests;

/// <summary>
/// A member's ledger as the engine writes it: the real programme records the sales (back-dated with their
/// <c>occurredAt</c>, inside a wide transaction window), and the entries are those of its outbox.
/// </summary>
internal sealed class InsightsHistory
{
    private static readonly Programme Programme = new(WideWindow());
    private readonly MemberState _state = new();
    private readonly DateTimeOffset _now;
    private int _next;

    public InsightsHistory(string memberId, DateTimeOffset now)
    {
        MemberId = memberId;
        _now = now;
        Assert.True(Programme.Enrol(_state, new MemberProfile("Insights test", null, null), now.AddYears(-2)));
    }

    public string MemberId { get; }

    public IReadOnlyList<LedgerEntry> Entries => _state.Outbox;

    /// <summary>A sale <paramref name="daysAgo"/> days before now, of one line; returns its transaction id.</summary>
    public string Buy(double daysAgo, decimal amount, string category = "coffee", string sku = "ITEM")
    {
        var id = $"{MemberId}-T{++_next}";
        var result = Programme.ApplyPurchase(_state, new Purchase(id, "S-01", _now.AddDays(-daysAgo), [new PurchaseLine(sku, category, 1, amount)]),
            _now.AddDays(-daysAgo));
        Assert.True(result.IsSuccess, result.Rejection?.Detail);
        return id;
    }

    /// <summary>Every <paramref name="everyDays"/> days from <paramref name="fromDaysAgo"/> to <paramref name="toDaysAgo"/>.</summary>
    public InsightsHistory Regular(int fromDaysAgo, int toDaysAgo, int everyDays, decimal amount, string category = "coffee")
    {
        for (var d = fromDaysAgo; d >= toDaysAgo; d -= everyDays)
            Buy(d, amount, category);
        return this;
    }

    public void Refund(string transactionId, double daysAgo, string sku = "ITEM")
    {
        var result = Programme.ApplyRefund(_state, new Refund($"{transactionId}-R", "S-01", transactionId, [new RefundLine(sku, 1)]),
            _now.AddDays(-daysAgo));
        Assert.True(result.IsSuccess, result.Rejection?.Detail);
    }

    private static ProgrammeOptions WideWindow()
    {
        var options = ProgrammeOptions.Demo();
        options.TransactionWindowDays = 366;
        options.MaxRememberedTransactions = 1000;
        return options;
    }
}
