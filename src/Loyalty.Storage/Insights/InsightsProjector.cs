using Loyalty.Domain;
using Loyalty.Domain.Insights;
using Microsoft.Extensions.Options;

namespace Loyalty.Storage.Insights;

/// <summary>What one projector step did: the members it read and wrote, and where the next step goes on.</summary>
/// <param name="Read">Marks (or stale rows) read.</param>
/// <param name="Written">Member rows written; the rest were changed by another writer and stay marked.</param>
/// <param name="After">The last member id read: the next batch of marks starts after it (null: from the first).</param>
public sealed record InsightsStep(int Read, int Written, string? After);

/// <summary>
/// Members with at least <paramref name="Orders"/> orders are projected at most once every <paramref name="Rest"/>: the
/// marks of such a member evaluated less than that before the step's time are left for a later step. A member buying all
/// the time (a house account at a busy till) is marked again by every purchase; projecting it on every tick read and
/// wrote its facts (up to <see cref="MemberFacts.MaxKeptOrders"/> orders) every second. A rest much longer than a few
/// seconds makes each of its projections read that many more new sales in one grain turn: a minute of a member bought
/// from 7,000 times a second took 3 s.
/// </summary>
public sealed record BusyMembers(int Orders, TimeSpan Rest)
{
    /// <summary>What the projector's timer uses: 1,000 orders, 5 s.</summary>
    public static readonly BusyMembers Default = new(1000, TimeSpan.FromSeconds(5));
}

/// <summary>
/// Feeds the insights read model from the ledger. <see cref="ProjectAsync"/> takes a batch of marked members, reads
/// their purchases and refunds written since their stored facts (all of them where the facts cannot be brought up to
/// date that way: see <see cref="MemberFacts.Fold"/>), evaluates them and writes their rows, the month deltas and the deletion of their marks
/// in one transaction. <see cref="SweepAsync"/> evaluates again, from their stored facts, the members evaluated more than
/// a day ago, so that time passing moves them into lapsed or lost. <see cref="RebuildAsync"/> starts over from the ledger.
/// Every write is guarded by the row's revision, so that projectors running side by side never count a member twice.
/// </summary>
public sealed class InsightsProjector
{
    /// <summary>Members per batch.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>How old an evaluation may get before the sweep makes it again.</summary>
    public static readonly TimeSpan EvaluationMaxAge = TimeSpan.FromDays(1);

    private readonly InsightsStore _store;
    private readonly IOptions<InsightsOptions> _options;

    internal InsightsProjector(InsightsStore store, IOptions<InsightsOptions> options) => (_store, _options) = (store, options);

    /// <summary>
    /// Projects at most <paramref name="batchSize"/> marked members, those after <paramref name="after"/> in member id
    /// order (from the first when null), evaluated at <paramref name="asOf"/>; with <paramref name="busy"/>, not the
    /// busy members evaluated within their rest before <paramref name="asOf"/> (they stay marked).
    /// </summary>
    public async Task<InsightsStep> ProjectAsync(DateTimeOffset asOf, string? after = null, int batchSize = DefaultBatchSize,
        BusyMembers? busy = null, CancellationToken cancellationToken = default)
    {
        var marks = await _store.ReadDirtyAsync(after, batchSize, busy is null ? null : (busy.Orders, asOf - busy.Rest),
            cancellationToken);
        if (marks.Count == 0)
            return new InsightsStep(0, 0, null);
        // The marks, then the rows, then the ledger. An entry committed after its mark was read bumps the mark's version,
        // so the mark survives this batch and the member is projected again. A row written by another projector after
        // it was read here has a new revision, so this batch's write of it (from a ledger read perhaps older than that
        // projector's) changes nothing.
        // A row's facts name the last sequence they reflect: the entries after it are folded in, and only the members
        // the fold leaves to a full read (no row or no sequence yet, a refund, a repeated sale) have their whole
        // history read.
        var ids = marks.Select(m => m.MemberId).ToList();
        var stored = await _store.ReadMembersAsync(ids, cancellationToken);
        var storedFacts = stored.ToDictionary(s => s.Key, s => MemberFacts.FromJson(s.Value.Facts), StringComparer.Ordinal);
        var newSales = await _store.ReadNewSalesAsync(storedFacts
            .Where(s => s.Value.ThroughSequence is not null)
            .Select(s => KeyValuePair.Create(s.Key, s.Value.ThroughSequence!.Value)).ToList(), cancellationToken);
        var folded = new Dictionary<string, MemberFacts>(StringComparer.Ordinal);
        foreach (var (id, before) in storedFacts)
        {
            if (!newSales.Repeating.Contains(id) && before.Fold(newSales.Entries.GetValueOrDefault(id) ?? []) is { } facts)
                folded[id] = facts;
        }
        var sales = await _store.ReadSalesAsync(ids.Where(id => !folded.ContainsKey(id)).ToList(), cancellationToken);
        var writes = marks.Select(mark =>
        {
            var before = storedFacts.GetValueOrDefault(mark.MemberId);
            var facts = folded.GetValueOrDefault(mark.MemberId) ?? MemberFacts.FromLedger(sales.GetValueOrDefault(mark.MemberId) ?? []);
            var delta = InsightsRules.Delta(before, facts);
            return Write(mark.MemberId, stored.GetValueOrDefault(mark.MemberId)?.Revision, facts, asOf, delta, mark.Version);
        }).ToList();
        var written = await _store.WriteAsync(writes, cancellationToken);
        return new InsightsStep(marks.Count, written.Count, marks[^1].MemberId);
    }

    /// <summary>Evaluates again, at <paramref name="asOf"/>, at most <paramref name="batchSize"/> members evaluated more than a day before.</summary>
    public async Task<InsightsStep> SweepAsync(DateTimeOffset asOf, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        var stale = await _store.ReadStaleAsync(asOf - EvaluationMaxAge, batchSize, cancellationToken);
        if (stale.Count == 0)
            return new InsightsStep(0, 0, null);
        var none = new Dictionary<int, RetentionCounts>();
        var writes = stale.Select(row => Write(row.MemberId, row.Revision, MemberFacts.FromJson(row.Facts), asOf, none, null)).ToList();
        var written = await _store.WriteAsync(writes, cancellationToken);
        return new InsightsStep(stale.Count, written.Count, stale[^1].MemberId);
    }

    /// <summary>Empties the read model and marks every member with sales: the projector builds it again from the ledger.</summary>
    public Task RebuildAsync(CancellationToken cancellationToken = default) => _store.RebuildAsync(cancellationToken);

    private InsightsMemberWrite Write(string memberId, long? revision, MemberFacts facts, DateTimeOffset asOf,
        IReadOnlyDictionary<int, RetentionCounts> delta, long? dirtyVersion) =>
        new(memberId, revision, facts.ToJson(), asOf, InsightsRules.Evaluate(facts, asOf, _options.Value), delta, dirtyVersion);
}
