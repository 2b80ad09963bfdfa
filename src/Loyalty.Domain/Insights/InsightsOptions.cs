using System.Globalization;

namespace Loyalty.Domain.Insights;

/// <summary>The thresholds of the retention insights, bound from configuration section <c>Loyalty:Insights</c>.</summary>
public sealed class InsightsOptions
{
    public const string SectionName = "Loyalty:Insights";

    /// <summary>Lapsed: the days since the last order exceed this multiple of the member's usual interval.</summary>
    public double LapseMultiple { get; set; } = 3;

    /// <summary>Lapsed: ... and exceed this many days, so that a daily customer is not lapsed after four days.</summary>
    public int MinLapseDays { get; set; } = 14;

    /// <summary>The usual interval needs at least this many orders in the year ending with the last order.</summary>
    public int MinOrdersForInterval { get; set; } = 4;

    /// <summary>Lost: no order for this many days. A lost member is no longer at risk.</summary>
    public int LostAfterDays { get; set; } = 90;

    /// <summary>Average order value (the median order of a window): the last this many months against the same number of months before.</summary>
    public int AovWindowMonths { get; set; } = 3;

    /// <summary>Orders needed in each of the two average order value windows.</summary>
    public int AovMinOrders { get; set; } = 3;

    /// <summary>Falling: the recent average order value is at most <c>(1 − ratio) ×</c> the earlier one.</summary>
    public double AovDropRatio { get; set; } = 0.30;

    /// <summary>A regular category was bought in at least this many distinct months of the 12 months before its gap.</summary>
    public int CategoryMinMonths { get; set; } = 3;

    /// <summary>Dropped: a regular category not bought for at least this many days ...</summary>
    public int CategoryGapDays { get; set; } = 60;

    /// <summary>... while the member made at least this many other orders since its last purchase.</summary>
    public int CategoryMinOrdersSince { get; set; } = 2;

    /// <summary>The <c>top</c> segment: this share of the members with a 12-month spend, by 12-month spend.</summary>
    public double TopShare { get; set; } = 0.2;

    /// <summary>How often each node reloads which members are in which segment.</summary>
    public int SegmentRefreshSeconds { get; set; } = 60;

    /// <summary>
    /// How many marked members the projector reads from the ledger and evaluates a second, at most: a bound on the share
    /// of the machine it takes from purchases. Under more purchases than that the insights lag; a member bought from
    /// again while marked is projected once. 0 pauses the projector: the marks are kept and it catches up when raised.
    /// </summary>
    public int ProjectionRate { get; set; } = 200;

    /// <summary>The settings at fault, each message naming its configuration key; empty when the options are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        const string p = SectionName;
        var errors = new List<string>();
        void Check(bool ok, string key, string rule, object value)
        {
            if (!ok)
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{p}:{key} must be {rule} (got {value})."));
        }
        Check(LapseMultiple is >= 1 and <= 100, nameof(LapseMultiple), "between 1 and 100", LapseMultiple);
        Check(MinLapseDays is >= 1 and <= 3650, nameof(MinLapseDays), "between 1 and 3650", MinLapseDays);
        Check(MinOrdersForInterval is >= 2 and <= 1000, nameof(MinOrdersForInterval), "between 2 and 1000", MinOrdersForInterval);
        Check(LostAfterDays is >= 1 and <= 3650, nameof(LostAfterDays), "between 1 and 3650", LostAfterDays);
        Check(LostAfterDays > MinLapseDays, nameof(LostAfterDays), $"above {nameof(MinLapseDays)} ({MinLapseDays})", LostAfterDays);
        Check(AovWindowMonths is >= 1 and <= 12, nameof(AovWindowMonths), "between 1 and 12", AovWindowMonths);
        Check(AovMinOrders is >= 1 and <= 1000, nameof(AovMinOrders), "between 1 and 1000", AovMinOrders);
        Check(AovDropRatio is > 0 and < 1, nameof(AovDropRatio), "above 0 and below 1", AovDropRatio);
        Check(CategoryMinMonths is >= 1 and <= 12, nameof(CategoryMinMonths), "between 1 and 12", CategoryMinMonths);
        Check(CategoryGapDays is >= 1 and <= 3650, nameof(CategoryGapDays), "between 1 and 3650", CategoryGapDays);
        Check(CategoryMinOrdersSince is >= 1 and <= 1000, nameof(CategoryMinOrdersSince), "between 1 and 1000", CategoryMinOrdersSince);
        Check(TopShare is > 0 and <= 1, nameof(TopShare), "above 0 and at most 1", TopShare);
        Check(SegmentRefreshSeconds is >= 1 and <= 86_400, nameof(SegmentRefreshSeconds), "between 1 and 86400", SegmentRefreshSeconds);
        Check(ProjectionRate is >= 0 and <= 100_000, nameof(ProjectionRate), "between 0 and 100000", ProjectionRate);
        return errors;
    }
}
