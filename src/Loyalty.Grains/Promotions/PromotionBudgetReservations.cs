using System.Collections.Concurrent;
using Loyalty.Domain;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Loyalty.Grains.Promotions;

/// <summary>
/// This node's share of the promotions' budgets. Purchases take points from a local allowance without waiting
/// (<see cref="TryTake"/>); when an allowance runs below half a chunk, the node reserves another chunk from the
/// promotion's <see cref="IPromotionBudgetGrain"/> in the background. So a budget costs one grain call per chunk
/// per node, not one per purchase.
/// </summary>
/// <remarks>
/// A reservation asks for a chunk (<see cref="ChunkOf"/>), or for what the purchases waiting for it want when that is
/// more, up to <see cref="MaxChunksPerReservation"/> chunks. Never overspent: points are given only out of what the
/// budget grain granted. Underspent, once the budget is all granted, by what nodes still hold: each node at most
/// <see cref="MaxChunksPerReservation"/> chunks, or the most points one purchase could ask when that is more; in
/// practice fewer points than its next purchase asks while every node keeps selling. A node that stops loses what
/// it held (underspent too).
/// </remarks>
public sealed partial class PromotionBudgetReservations(IGrainFactory grains, ILocalSiloDetails silo, ILogger<PromotionBudgetReservations> logger)
    : IPromotionBudget
{
    /// <summary>The smallest and largest chunk a node reserves at once.</summary>
    public const long MinChunk = 50, MaxChunk = 1000;

    /// <summary>The most a reservation asks for, in chunks, however many purchases wait for it.</summary>
    public const int MaxChunksPerReservation = 4;

    /// <summary>How many reservations a purchase waits for at most before it goes without the promotion.</summary>
    public const int MaxHoldRounds = 16;

    private readonly PromotionAllowance _allowance = new();
    private readonly ConcurrentDictionary<string, long> _budgets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _exhausted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _reserving = new(StringComparer.Ordinal);
    /// <summary>The points purchases waiting for a reservation want, per promotion.</summary>
    private readonly ConcurrentDictionary<string, long> _wanted = new(StringComparer.Ordinal);

    /// <summary>
    /// The points a node reserves at once: a hundredth of the budget, from <see cref="MinChunk"/> to
    /// <see cref="MaxChunk"/>, and never more than the budget.
    /// </summary>
    public static long ChunkOf(long budget) => Math.Min(budget, Math.Clamp(budget / 100, MinChunk, MaxChunk));

    /// <summary>The points of a promotion's budget this node holds and has not given out.</summary>
    public long Remaining(string promotionId) => _allowance.Remaining(promotionId);

    /// <summary>Whether the budget grain has nothing left to grant and this node has nothing left to give.</summary>
    public bool IsSpent(string promotionId) => _exhausted.ContainsKey(promotionId) && _allowance.Remaining(promotionId) == 0;

    public bool TryTake(string promotionId, long points)
    {
        var taken = _allowance.TryTake(promotionId, points);
        if (_budgets.TryGetValue(promotionId, out var budget) && _allowance.Remaining(promotionId) < ChunkOf(budget) / 2)
            _ = ReserveInBackground(promotionId, budget, ChunkOf(budget));
        return taken;
    }

    public void Return(string promotionId, long points) => _allowance.Return(promotionId, points);

    /// <summary>
    /// Sets <paramref name="points"/> of a promotion's budget aside for one purchase, reserving more from the budget
    /// grain first when this node holds too few and the budget is not all granted. Waits only then: in the steady
    /// state it returns at once. Returns the points set aside: all of them, or 0 when the budget has too few left.
    /// </summary>
    public ValueTask<long> HoldAsync(PromotionDefinition promotion, long points)
    {
        if (promotion.BudgetPoints is not { } budget || points <= 0)
            return ValueTask.FromResult(0L);
        _budgets.TryAdd(promotion.Id, budget);
        if (TryTake(promotion.Id, points))
            return ValueTask.FromResult(points);
        if (_exhausted.ContainsKey(promotion.Id))
            return ValueTask.FromResult(0L);
        return new ValueTask<long>(HoldSlowAsync(promotion.Id, budget, points));
    }

    private async Task<long> HoldSlowAsync(string promotionId, long budget, long points)
    {
        // Purchases waiting together share a reservation, which asks for all they want; a purchase that came too late
        // for one waits for the next.
        _wanted.AddOrUpdate(promotionId, points, (_, wanted) => wanted + points);
        try
        {
            for (var round = 0; round < MaxHoldRounds; round++)
            {
                await ReserveInBackground(promotionId, budget, ChunkOf(budget));
                if (_allowance.TryTake(promotionId, points))
                    return points;
                if (_exhausted.ContainsKey(promotionId))
                    return 0;
            }
            return 0;
        }
        finally
        {
            _wanted.AddOrUpdate(promotionId, 0, (_, wanted) => wanted - points);
        }
    }

    /// <summary>One reservation per promotion at a time on this node; callers meanwhile share it.</summary>
    private Task ReserveInBackground(string promotionId, long budget, long chunk)
    {
        if (_exhausted.ContainsKey(promotionId))
            return Task.CompletedTask;
        lock (_reserving)
        {
            if (_reserving.TryGetValue(promotionId, out var running))
                return running;
            // Off the calling grain's scheduler: the reservation outlives the purchase that started it.
            var task = Task.Run(() => ReserveAsync(promotionId, budget, chunk));
            _reserving[promotionId] = task;
            return task;
        }
    }

    private async Task ReserveAsync(string promotionId, long budget, long chunk)
    {
        try
        {
            var wanted = _wanted.GetValueOrDefault(promotionId) - _allowance.Remaining(promotionId);
            var points = Math.Clamp(wanted, chunk, MaxChunksPerReservation * chunk);
            var granted = await grains.GetGrain<IPromotionBudgetGrain>(promotionId).Reserve(silo.SiloAddress.ToParsableString(), points, budget);
            if (granted > 0)
                _allowance.Grant(promotionId, granted);
            if (granted < points)
                _exhausted[promotionId] = true; // the grain granted all it had left
        }
        catch (Exception ex)
        {
            LogReserveFailed(logger, ex, promotionId);
        }
        finally
        {
            lock (_reserving)
                _reserving.TryRemove(promotionId, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reserving budget points of promotion {PromotionId} failed; will retry on the next purchase")]
    private static partial void LogReserveFailed(ILogger logger, Exception exception, string promotionId);
}
