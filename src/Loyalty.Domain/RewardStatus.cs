namespace Loyalty.Domain;

/// <summary>Where an issued reward stands: open until it is used, expires, or a refund takes it back.</summary>
public enum RewardStatus { Issued, Redeemed, Expired, Revoked }
