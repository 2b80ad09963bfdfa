using Loyalty.Domain.Insights;

namespace Loyalty.Storage.Insights;

/// <summary>The retention counts of one calendar month (<see cref="MemberFacts.MonthIndex"/>).</summary>
public sealed record MonthRetention(int Month, RetentionCounts Counts);

/// <summary>A member at risk: the value at stake (cents), the last order and the reasons.</summary>
public sealed record AtRiskMember(string MemberId, long ValueAtStakeCents, DateTimeOffset? LastOrderAt, IReadOnlyList<RiskReason> Reasons);

/// <summary>A page of the members at risk (for one reason, or any), with the count and value at stake of them all.</summary>
public sealed record AtRiskPage(long Total, long ValueAtStakeCents, IReadOnlyList<AtRiskMember> Members);

/// <summary>The members with a 12-month spend: how many, and their spend together (cents).</summary>
public sealed record SpendTotals(long Members, long SpendCents);

/// <summary>The first <see cref="Count"/> members by 12-month spend, and their spend together (cents).</summary>
public sealed record TopSlice(long Count, long SpendCents);

/// <summary>A member's place by 12-month spend (1 = the highest).</summary>
public sealed record RankedMember(int Rank, string MemberId, long Spend12mCents);

/// <summary>A lost member: the last order, when they counted as lost, their yearly value and lifetime spend (cents).</summary>
public sealed record LostMember(string MemberId, DateTimeOffset? LastOrderAt, DateTimeOffset LostAt, long YearlyValueCents, long LifetimeSpendCents);

/// <summary>The members lost in a window: how many, the yearly value lost with them (cents), and the most recent ones.</summary>
public sealed record LostPage(long Count, long YearlyValueCents, IReadOnlyList<LostMember> Members);

/// <summary>The plan of one insights query, as the database explains it.</summary>
public sealed record InsightsQueryPlan(string Name, string Sql, string Plan);
