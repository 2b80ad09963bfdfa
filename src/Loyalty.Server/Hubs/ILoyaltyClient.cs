namespace Loyalty.Server.Hubs;

/// <summary>The events a watching client receives, in sequence order per member.</summary>
public interface ILoyaltyClient
{
    Task BalanceChanged(BalanceChanged e);
    Task RewardIssued(RewardIssued e);
    Task TierChanged(TierChanged e);
    Task PromotionAnnounced(PromotionAnnounced e);
}
