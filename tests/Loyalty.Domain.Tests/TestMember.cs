using Loyalty.Domain;

namespace Loyalty.Domain.Tests;

/// <summary>Fixed times and small builders shared by the tests. No real clock anywhere.</summary>
internal static class Kit
{
    /// <summary>The base time of every test: mid-month, mid-morning UTC, so month arithmetic is unambiguous.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    public static DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(t.UtcDateTime);

    public static PurchaseLine Item(decimal unitPrice, int quantity = 1, string sku = "ITEM", string? category = "general") =>
        new(sku, category, quantity, unitPrice);

    public static PurchaseLine Coffee(int quantity, string sku = "LATTE", decimal unitPrice = 3.20m) =>
        new(sku, "coffee", quantity, unitPrice);

    public static RefundLine Back(string sku, int quantity = 1) => new(sku, quantity);
}

/// <summary>An enrolled member of a programme, with a movable "now" and helpers that assert success.</summary>
internal sealed class TestMember
{
    private int _next;

    public TestMember(ProgrammeOptions? options = null, DateTimeOffset? enrolledAt = null)
    {
        Programme = new Programme(options ?? ProgrammeOptions.Demo());
        Now = enrolledAt ?? Kit.T0;
        Assert.True(Programme.Enrol(State, new MemberProfile("Ada", "ada@example.org", null), Now));
    }

    public Programme Programme { get; }
    public MemberState State { get; } = new();
    public DateTimeOffset Now { get; set; }

    public long Balance => State.Balance;

    public string NextId(string prefix = "T") => $"{prefix}{++_next:D4}";

    /// <summary>The promotions every purchase is given; none unless a test sets them.</summary>
    public PromotionContext? Promotions { get; set; }

    public Result<PurchaseOutcome> TryBuy(string transactionId, DateTimeOffset? occurredAt, params PurchaseLine[] lines)
    {
        RecallFromLedger(transactionId);
        return Programme.ApplyPurchase(State, new Purchase(transactionId, "S-01", occurredAt, lines), Now, Promotions);
    }

    public PurchaseOutcome BuyAt(DateTimeOffset occurredAt, params PurchaseLine[] lines) => Ok(TryBuy(NextId(), occurredAt, lines));

    public ClubMembershipOutcome Join(string clubId, string? clubName = null) => Ok(Programme.JoinClub(State, clubId, clubName, Now));

    public ClubMembershipOutcome Leave(string clubId, string? clubName = null) => Ok(Programme.LeaveClub(State, clubId, clubName, Now));

    public PurchaseOutcome Buy(params PurchaseLine[] lines) => BuyAs(NextId(), lines);

    public PurchaseOutcome BuyAs(string transactionId, params PurchaseLine[] lines) => Ok(TryBuy(transactionId, null, lines));

    public Result<RedemptionOutcome> TryRedeem(long? points, string? rewardId = null, string? transactionId = null)
    {
        transactionId ??= NextId("R");
        RecallFromLedger(transactionId);
        return Programme.ApplyRedemption(State, new Redemption(transactionId, "S-01", points, rewardId), Now);
    }

    public RedemptionOutcome Redeem(long points) => Ok(TryRedeem(points));

    public RedemptionOutcome RedeemReward(string rewardId) => Ok(TryRedeem(null, rewardId));

    public Result<RefundOutcome> TryRefund(string originalTransactionId, params RefundLine[] lines) =>
        TryRefundAs(NextId("F"), originalTransactionId, lines);

    public Result<RefundOutcome> TryRefundAs(string transactionId, string originalTransactionId, params RefundLine[] lines)
    {
        RecallFromLedger(transactionId, originalTransactionId);
        var refund = new Refund(transactionId, "S-01", originalTransactionId, lines);
        return Programme.ApplyRefund(State, refund, Now, RecallOlderSale(refund));
    }

    /// <summary>
    /// As the member grain does before a refund: reads back a sale older than the transaction window from the ledger
    /// (here the outbox) with what the ledger gives, the sale's entries and the refunds of the refund window.
    /// </summary>
    public TransactionRecord? RecallOlderSale(Refund refund)
    {
        if (Programme.OlderSaleToRecall(State, refund, Now) is not { } id)
            return null;
        var since = Programme.RefundWindowStart(Now);
        return Programme.RecallOlderSale(id, State.Outbox.Where(e => e.TransactionId == id || (e.Kind == LedgerKinds.Refund && e.At >= since)));
    }

    /// <summary>
    /// As the member grain does before a command: reads back from the ledger (here the outbox, which the tests never
    /// empty) the records of the transactions the command names that the state let go of.
    /// </summary>
    public int RecallFromLedger(params string?[] transactionIds)
    {
        var ids = Programme.TransactionsToRecall(State, Now, transactionIds);
        if (ids.Count > 0)
            Programme.RecallTransactions(State, ids, State.Outbox);
        return ids.Count;
    }

    public RefundOutcome Refund(string originalTransactionId, params RefundLine[] lines) => Ok(TryRefund(originalTransactionId, lines));

    public Result<AdjustmentOutcome> TryAdjust(long points, string reason = AdjustmentReasons.Goodwill, string? note = null,
        string? transactionId = null, string by = "support-desk")
    {
        transactionId ??= NextId("A");
        RecallFromLedger(transactionId);
        return Programme.ApplyAdjustment(State, new Adjustment(transactionId, points, reason, note, by), Now);
    }

    public AdjustmentOutcome Adjust(long points, string reason = AdjustmentReasons.Goodwill) => Ok(TryAdjust(points, reason));

    public Result<VoidOutcome> TryVoid(string originalTransactionId, string? transactionId = null)
    {
        transactionId ??= NextId("V");
        RecallFromLedger(transactionId, originalTransactionId);
        return Programme.ApplyVoid(State, new RedemptionVoid(transactionId, originalTransactionId), Now);
    }

    public VoidOutcome Void(string originalTransactionId) => Ok(TryVoid(originalTransactionId));

    /// <summary>Moves time forward and brings the state up to it, as the host does before every command.</summary>
    public bool AdvanceTo(DateTimeOffset now)
    {
        Now = now;
        return Programme.Advance(State, now);
    }

    public bool AdvanceDays(double days) => AdvanceTo(Now.AddDays(days));

    public int Stamps(string card = "coffee") => State.Stamps.GetValueOrDefault(card);

    /// <summary>The open rewards, in the order they were issued.</summary>
    public IReadOnlyList<OpenReward> OpenRewards => Programme.OpenRewards(State);

    /// <summary>Issued while open, how it closed while remembered, null when the state does not know the reward.</summary>
    public RewardStatus? StatusOf(string rewardId) => Programme.RewardStatusOf(State, rewardId);

    /// <summary>The day a remembered closed reward closed on.</summary>
    public DateOnly? ClosedOn(string rewardId) => OpenReward.TryParseId(rewardId, out var card, out var number)
        ? State.ClosedRewards.SingleOrDefault(c => c.CardId == card && c.Numbers.Contains(number))?.ClosedOn
        : null;

    public IEnumerable<LedgerEntry> Entries(string kind) => State.Outbox.Where(e => e.Kind == kind);

    public LedgerEntry LastEntry => State.Outbox[^1];

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected success, got {result.Rejection}");
        return result.Value!;
    }

    public static Rejection Rejected<T>(Result<T> result, RejectionCode code)
    {
        Assert.False(result.IsSuccess, "Expected a rejection, got success.");
        Assert.Equal(code, result.Rejection!.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Detail));
        return result.Rejection;
    }
}
