using Loyalty.Domain;

namespace Loyalty.Storage;

public interface ILedgerStore
{
    Task AppendAsync(string memberId, IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<LedgerEntry>> ReadAsync(string memberId, long? before, int limit, CancellationToken cancellationToken = default);
}
public static class LoyaltyStorageNames { public const string GrainStorage = "loyalty"; }
