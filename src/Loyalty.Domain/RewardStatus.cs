namespace Loyalty.Domain;

/// <summary>
/// Where an issued reward stands: open until it is used, expires, or a refund takes it back. <see cref="Closed"/>: one of
/// those three, among the closed groups the state no longer remembers one by one (<see cref="ForgottenClosedRewards"/>).
/// </summary>
public enum RewardStatus { Issued, Redeemed, Expired, Revoked, Closed }
