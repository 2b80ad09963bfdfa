using Loyalty.Domain;

namespace Loyalty.Grains.Promotions;

/// <summary>
/// The budget points set aside for one purchase (at most what each promotion could give it), taken by the rules
/// first from what is set aside, then from the node's allowance; what is left goes back to the node on
/// <see cref="Release"/>. Used within one grain turn.
/// </summary>
public sealed class PurchaseBudget(PromotionBudgetReservations node) : IPromotionBudget
{
    private readonly Dictionary<string, long> _held = new(StringComparer.Ordinal);

    public void Hold(string promotionId, long points)
    {
        if (points > 0)
            _held[promotionId] = _held.GetValueOrDefault(promotionId) + points;
    }

    public bool TryTake(string promotionId, long points)
    {
        if (_held.TryGetValue(promotionId, out var held) && held >= points)
        {
            _held[promotionId] = held - points;
            return true;
        }
        return node.TryTake(promotionId, points);
    }

    public void Return(string promotionId, long points) => Hold(promotionId, points);

    /// <summary>Gives what the purchase did not use back to the node.</summary>
    public void Release()
    {
        foreach (var (promotionId, points) in _held)
            if (points > 0)
                node.Return(promotionId, points);
        _held.Clear();
    }
}
