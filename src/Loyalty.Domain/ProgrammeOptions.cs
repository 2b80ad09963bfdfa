namespace Loyalty.Domain;

/// <summary>The programme rules, bound from configuration section <c>Loyalty:Program</c>.</summary>
public sealed class ProgrammeOptions
{
    public const string SectionName = "Loyalty:Program";

    /// <summary>ISO 4217 code of the currency every amount is in.</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>Base points per 1.00 of qualifying spend, summed over a purchase and rounded down once.</summary>
    public decimal PointsPerCurrencyUnit { get; set; } = 1m;

    /// <summary>What one point is worth in <see cref="Currency"/>, for the points liability report.</summary>
    public decimal PointValue { get; set; } = 0.01m;

    /// <summary>Line categories that earn nothing and do not count towards tiers (gift cards, deposits...).</summary>
    public List<string> NonQualifyingCategories { get; set; } = [];

    /// <summary>Tiers, lowest first; the first must start at 0.</summary>
    public List<TierRule> Tiers { get; set; } = [];

    /// <summary>Months of spend that count towards a tier (rolling window).</summary>
    public int TierQualifyingMonths { get; set; } = 12;

    /// <summary>Months a member keeps a tier after reaching it, whatever their spend does.</summary>
    public int TierHoldMonths { get; set; } = 12;

    public List<StampCardRule> StampCards { get; set; } = [];

    /// <summary>Months after the purchase day until which its points can be used.</summary>
    public int PointsExpiryMonths { get; set; } = 12;

    /// <summary>Days an issued reward stays valid.</summary>
    public int RewardExpiryDays { get; set; } = 90;

    /// <summary>
    /// Days a transaction is remembered: replays within it return the stored outcome, and a purchase may not be
    /// back-dated beyond it.
    /// </summary>
    public int TransactionWindowDays { get; set; } = 30;

    /// <summary>
    /// Days after a sale (its <c>occurredAt</c>) during which its lines can be refunded, whatever
    /// <see cref="TransactionWindowDays"/> is: a sale the member no longer remembers is read back from the ledger.
    /// </summary>
    public int RefundWindowDays { get; set; } = 90;

    /// <summary>
    /// Days after a sale (its <c>occurredAt</c>, UTC day) before the points it earned can be spent: they are pending
    /// until the start (00:00 UTC) of the sale's day plus this many days. 0 (the default): spendable at once.
    /// </summary>
    public int PendingDays { get; set; }

    /// <summary>
    /// Most rewards one sale may issue (all cards together); a sale that would issue more is refused, and changes nothing.
    /// </summary>
    public int MaxRewardsPerSale { get; set; } = 100;

    /// <summary>
    /// Upper bound on the transactions a member's state remembers in full (outcome, and what a refund needs); the other
    /// ids of the window are remembered compactly and their records read back from the ledger when asked for.
    /// </summary>
    public int MaxRememberedTransactions { get; set; } = 200;

    /// <summary>Upper bound on the number of clubs: a new club beyond it is refused (clubs are kept in one grain's state).</summary>
    public int MaxClubs { get; set; } = 1000;

    /// <summary>Most points one adjustment by customer service may add or remove; a larger one is refused.</summary>
    public long MaxAdjustmentPoints { get; set; } = 10_000;

    /// <summary>The shipped demo programme (the defaults of the contract).</summary>
    public static ProgrammeOptions Demo() => new()
    {
        Tiers =
        [
            new TierRule { Name = "Member", Threshold = 0m, Multiplier = 1.0m },
            new TierRule { Name = "Silver", Threshold = 500m, Multiplier = 1.25m },
            new TierRule { Name = "Gold", Threshold = 2000m, Multiplier = 1.5m },
        ],
        StampCards =
        [
            new StampCardRule
            {
                CardId = "coffee", Category = "coffee", StampsRequired = 9,
                RewardKind = "free-item", RewardDescription = "Free coffee",
            },
        ],
    };
}

public sealed class TierRule
{
    public string Name { get; set; } = "";
    /// <summary>Rolling qualifying spend from which the tier applies.</summary>
    public decimal Threshold { get; set; }
    /// <summary>Multiplier on base points while in this tier.</summary>
    public decimal Multiplier { get; set; } = 1m;
}

public sealed class StampCardRule
{
    public string CardId { get; set; } = "";
    /// <summary>Every unit of a line in this category adds one stamp.</summary>
    public string Category { get; set; } = "";
    public int StampsRequired { get; set; } = 9;
    public string RewardKind { get; set; } = "free-item";
    public string RewardDescription { get; set; } = "";
}
