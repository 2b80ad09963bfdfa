namespace Loyalty.FaultTests.Verification;

/// <summary>
/// How the transactions a client saw acknowledged compare with the entries of one kind in the ledger:
/// <see cref="Found"/> acknowledged and in the ledger (once or more), <see cref="Duplicated"/> in the ledger more than
/// once, <see cref="Lost"/> acknowledged but not in the ledger, <see cref="Unexpected"/> in the ledger but never
/// acknowledged.
/// </summary>
internal sealed record Reconciliation(long Acknowledged, long Found, long Duplicated, long Lost, long Unexpected)
{
    public static readonly Reconciliation None = new(0, 0, 0, 0, 0);

    /// <summary>Every acknowledged transaction is in the ledger exactly once, and nothing else is.</summary>
    public bool Exact => Found == Acknowledged && Duplicated == 0 && Lost == 0 && Unexpected == 0;

    public static Reconciliation Of(IReadOnlyCollection<string> acknowledged, IEnumerable<string?> ledgerTransactionIds)
    {
        var acknowledgedSet = acknowledged.ToHashSet(StringComparer.Ordinal);
        var inLedger = ledgerTransactionIds
            .Where(id => id is not null)
            .GroupBy(id => id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var found = acknowledgedSet.Count(inLedger.ContainsKey);
        return new Reconciliation(
            Acknowledged: acknowledgedSet.Count,
            Found: found,
            Duplicated: inLedger.Count(e => e.Value > 1),
            Lost: acknowledgedSet.Count - found,
            Unexpected: inLedger.Keys.Count(id => !acknowledgedSet.Contains(id)));
    }

    public static Reconciliation operator +(Reconciliation a, Reconciliation b) => new(
        a.Acknowledged + b.Acknowledged, a.Found + b.Found, a.Duplicated + b.Duplicated, a.Lost + b.Lost, a.Unexpected + b.Unexpected);
}
