namespace Loyalty.Domain;

/// <summary>
/// A budget allowance held in memory: points granted per promotion, taken and given back by purchases. A node keeps
/// one for the share of each budget it has reserved; it is safe to use from any thread, and it never lets more points
/// be taken than were granted to it.
/// </summary>
public sealed class PromotionAllowance : IPromotionBudget
{
    private readonly Dictionary<string, long> _remaining = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Adds points to what purchases may take of a promotion's budget.</summary>
    public void Grant(string promotionId, long points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        lock (_lock)
            _remaining[promotionId] = _remaining.GetValueOrDefault(promotionId) + points;
    }

    /// <summary>The points of a promotion's budget still to be taken here.</summary>
    public long Remaining(string promotionId)
    {
        lock (_lock)
            return _remaining.GetValueOrDefault(promotionId);
    }

    /// <summary>Takes back, and returns, what is left of a promotion's allowance (to hand it back when the promotion ends).</summary>
    public long Withdraw(string promotionId)
    {
        lock (_lock)
            return _remaining.Remove(promotionId, out var left) ? left : 0;
    }

    public bool TryTake(string promotionId, long points)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        lock (_lock)
        {
            var left = _remaining.GetValueOrDefault(promotionId);
            if (left < points)
                return false;
            _remaining[promotionId] = left - points;
            return true;
        }
    }

    public void Return(string promotionId, long points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        if (points > 0)
            Grant(promotionId, points);
    }
}
