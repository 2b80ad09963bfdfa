using Loyalty.Domain;

namespace Loyalty.Storage.Liability;

/// <summary>The counters the points liability report reads.</summary>
public interface ILiabilityCounters
{
    /// <summary>
    /// The counted points of the days from <paramref name="from"/> on, spendable and pending, and the debt (its key
    /// <see cref="LiabilityKey.Debt"/>); lines at 0 are left out.
    /// </summary>
    Task<IReadOnlyList<LiabilityLine>> ReadAsync(DateOnly from, CancellationToken cancellationToken = default);
}
