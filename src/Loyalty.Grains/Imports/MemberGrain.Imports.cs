using Orleans;
using Loyalty.Domain;
using Loyalty.Domain.Imports;
using Loyalty.Grains.Imports;

namespace Loyalty.Grains;

/// <summary>
/// Imports (see <see cref="IMemberImportGrain"/>): a chunk's lines for this member applied in one turn and stored with one
/// write, the ledger entries going out through the outbox as for any command. Idempotent: a sale already in the member's
/// history (read back from the ledger's transaction index when the member has any history) is skipped.
/// </summary>
public sealed partial class MemberGrain : IMemberImportGrain, IIncomingGrainCallFilter
{
    /// <summary>
    /// Whether every call this activation has served came from an import: such an activation is let go once its lines
    /// are stored, so that an import of 100,000 members does not keep 100,000 grains in memory until they are collected.
    /// A member a till, the app or a watcher reached keeps its activation.
    /// </summary>
    private bool _importsOnly = true;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType != typeof(IMemberImportGrain))
            _importsOnly = false;
        return context.Invoke();
    }

    private void LetGoIfOnlyImported()
    {
        if (_importsOnly)
            DeactivateOnIdle(); // its ledger entries are copied on the way out (OnDeactivateAsync)
    }

    public async Task<IReadOnlyList<ImportLineOutcome>> ImportMember(IReadOnlyList<ImportedMember> lines, ImportRun run)
    {
        if (await ForwardingAsync() is { } target)
            return lines.Select(l => ImportLineOutcome.Skipped(l.Line)).ToArray(); // merged into another: enrolled long ago
        var now = _time.GetUtcNow();
        if (run.DryRun)
        {
            var copy = _copier.Copy(_live);
            LetGoIfOnlyImported();
            return lines.Select(l => _programme.ImportMember(copy, l, run.ImportId, now)).ToArray();
        }
        var outcomes = Change(() =>
        {
            _programme.Advance(S, now);
            return lines.Select(l => _programme.ImportMember(S, l, run.ImportId, now)).ToArray();
        });
        await (outcomes.Any(o => o.Status == ImportLineStatus.Accepted) ? _writes.StoreAsync() : _writes.StoredAsync());
        LetGoIfOnlyImported();
        return outcomes;
    }

    public async Task<IReadOnlyList<ImportLineOutcome>> ImportSales(IReadOnlyList<ImportedSale> sales, ImportRun run)
    {
        if (await ForwardingAsync() is { } target)
            return await target.AsReference<IMemberImportGrain>().ImportSales(sales, run);
        if (!S.Enrolled)
        {
            LetGoIfOnlyImported();
            return sales.Select(s => ImportLineOutcome.Rejected(s.Line, "memberId",
                $"Member '{s.MemberId}' is not enrolled: import the members first.")).ToArray();
        }
        await RecallImportedAsync(sales);
        var now = _time.GetUtcNow();
        var import = new SaleImport(run.ImportId, run.AwardPoints);
        if (run.DryRun)
        {
            var copy = _copier.Copy(_live);
            copy.Transactions = new Dictionary<string, TransactionRecord>(S.Transactions, StringComparer.Ordinal);
            LetGoIfOnlyImported();
            return sales.Select(s => _programme.ImportSale(copy, s, import, now)).ToArray();
        }
        var outcomes = Change(() =>
        {
            _programme.Advance(S, now);
            var applied = sales.Select(s => _programme.ImportSale(S, s, import, now)).ToArray();
            _programme.Advance(S, now); // points of old sales whose lot has already expired expire at once
            return applied;
        });
        await (outcomes.Any(o => o.Status == ImportLineStatus.Accepted) ? _writes.StoreAsync() : _writes.StoredAsync());
        LetGoIfOnlyImported();
        return outcomes;
    }

    /// <summary>
    /// Reads back from the ledger the records of the sales' transaction ids the member may already have, whatever their
    /// age: those of the transaction window it let go of, and any older one when the member has a history at all (a
    /// member with none, as every member is on a first import, costs no read). The records found are remembered (a replay
    /// answers from them), the others are known to be new.
    /// </summary>
    private async Task RecallImportedAsync(IReadOnlyList<ImportedSale> sales)
    {
        await EnsureFreshAsync();
        var history = S.LastPurchaseAt is not null || S.TransactionIds.Count > 0 || S.Transactions.Count > 0;
        if (!history)
            return;
        var all = sales.Select(s => s.Purchase.TransactionId).Distinct(StringComparer.Ordinal).ToArray();
        var notInLedger = new HashSet<string>(StringComparer.Ordinal); // read once: not read again
        while (true)
        {
            var now = _time.GetUtcNow();
            var ids = all.Where(id => !S.Transactions.ContainsKey(id) && !notInLedger.Contains(id)).ToArray();
            if (ids.Length == 0 && _programme.TransactionsToRecall(S, now, all).Count == 0)
                return;
            foreach (var batch in ids.Chunk(500))
            {
                var entries = await _ledger.ReadTransactionsAsync(MemberId, batch, now);
                _programme.RecallTransactions(S, batch, entries.Concat(S.Outbox));
                notInLedger.UnionWith(batch.Where(id => !S.Transactions.ContainsKey(id)));
            }
            // Another command may have let a record go while this one read: read again until none is missing.
            if (_programme.TransactionsToRecall(S, now, all) is { Count: > 0 } again)
                notInLedger.ExceptWith(again);
            else
                return;
        }
    }
}
