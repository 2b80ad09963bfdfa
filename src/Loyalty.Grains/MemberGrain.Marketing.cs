using Loyalty.Domain;
using Loyalty.Grains.Promotions;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Grains;

public sealed partial class MemberGrain : IMemberMarketingGrain
{
    private MemberPromotions? _promotions;

    /// <summary>The node's catalogue and budget share, resolved on first use.</summary>
    private MemberPromotions Promotions => _promotions ??= ServiceProvider.GetRequiredService<MemberPromotions>();

    public Task<Result<ClubMembershipOutcome>> JoinClub(string clubId, string? clubName) =>
        ForwardedAsync(null, target => target.AsReference<IMemberMarketingGrain>().JoinClub(clubId, clubName),
            () => ApplyAsync(clubId, (s, id, now) => _programme.JoinClub(s, id, clubName, now), o => !o.Changed));

    public Task<Result<ClubMembershipOutcome>> LeaveClub(string clubId, string? clubName) =>
        ForwardedAsync(null, target => target.AsReference<IMemberMarketingGrain>().LeaveClub(clubId, clubName),
            () => ApplyAsync(clubId, (s, id, now) => _programme.LeaveClub(s, id, clubName, now), o => !o.Changed));

    public async Task<IReadOnlyList<PromotionDefinition>?> GetPromotions()
    {
        if (await ForwardingAsync() is { } target)
            return await target.AsReference<IMemberMarketingGrain>().GetPromotions();
        if (!S.Enrolled)
            return null;
        await _writes.StoredAsync();
        return Promotions.OpenTo(S, MemberId, _time.GetUtcNow());
    }

    public async Task<IReadOnlyList<PromotionDefinition>> OpenAmong(IReadOnlyList<PromotionDefinition> promotions)
    {
        if (await ForwardingAsync() is { } target)
            return await target.AsReference<IMemberMarketingGrain>().OpenAmong(promotions);
        await _writes.StoredAsync();
        return Promotions.OpenAmong(promotions, S, MemberId, _time.GetUtcNow());
    }

    /// <summary>
    /// A purchase, with the promotions of this node's catalogue and the budget points set aside for it; what the
    /// purchase does not use goes back to the node as soon as it is applied.
    /// </summary>
    private async Task<Result<PurchaseOutcome>> PurchaseWithPromotionsAsync(Purchase purchase)
    {
        var (promotions, held) = await Promotions.ForPurchaseAsync(S, MemberId, purchase, _time.GetUtcNow());
        try
        {
            return await ApplyAsync(purchase, (s, cmd, now) =>
            {
                try
                {
                    return _programme.ApplyPurchase(s, cmd, now, promotions);
                }
                finally
                {
                    held?.Release();
                }
            }, o => o.Duplicate, purchase.TransactionId);
        }
        finally
        {
            held?.Release(); // when the purchase failed before it was applied
        }
    }
}
