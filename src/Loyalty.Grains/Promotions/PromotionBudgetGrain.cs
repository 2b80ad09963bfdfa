using Loyalty.Storage;

namespace Loyalty.Grains.Promotions;

/// <summary>
/// Grants budget points to nodes, stored before they are granted: a grant survives a restart of this grain, so the
/// total granted never exceeds the budget. Points a node was granted and did not give out (it stopped, or the
/// promotion ended) are not handed back: the promotion may give less than its budget, never more.
/// </summary>
public sealed class PromotionBudgetGrain(
    [PersistentState("promotion-budget", LoyaltyStorageNames.GrainStorage)] IPersistentState<PromotionBudgetState> state)
    : Grain, IPromotionBudgetGrain
{
    public async Task<long> Reserve(string node, long points, long budget)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        var s = state.State;
        if (s.Budget == 0)
            s.Budget = budget;
        var grant = Math.Min(points, s.Budget - s.Granted);
        if (grant <= 0)
            return 0;
        s.Granted += grant;
        s.GrantedByNode[node] = s.GrantedByNode.GetValueOrDefault(node) + grant;
        s.Reservations++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
        return grant;
    }

    public Task<PromotionBudgetUsage> GetUsage() => Task.FromResult(new PromotionBudgetUsage(
        state.State.Budget, state.State.Granted, new Dictionary<string, long>(state.State.GrantedByNode, StringComparer.Ordinal),
        state.State.Reservations));
}
