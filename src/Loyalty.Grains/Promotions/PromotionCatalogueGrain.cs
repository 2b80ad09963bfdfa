using System.Globalization;
using Loyalty.Domain;
using Loyalty.Grains.Catalogues;
using Loyalty.Storage;
using Loyalty.Storage.Catalogues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Loyalty.Grains.Promotions;

/// <summary>
/// The promotions, stored under their own state name. Every change raises the version and is answered once stored;
/// its audit entry goes to the audit table through an outbox in the state. The state keeps only the promotions a sale
/// can still fall in: one ended longer ago than the transaction window leaves it with the next change, and is then
/// read back from its audit entries.
/// </summary>
public sealed class PromotionCatalogueGrain(
    [PersistentState("promotion-catalogue", LoyaltyStorageNames.GrainStorage)] IPersistentState<PromotionCatalogueState> state,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    Programme programme,
    ICatalogueAuditStore auditStore,
    DeepCopier<PromotionCatalogueState> copier,
    ILogger<PromotionCatalogueGrain> logger) : Grain, IPromotionCatalogueGrain
{
    public const string Created = "created";
    public const string Ended = "ended";

    private const string IdPrefix = "P-";

    private readonly CatalogueAuditLog<PromotionAuditEntry> _audit = new(auditStore, ICatalogueAuditStore.Promotions,
        e => new CatalogueAuditRow(e.Sequence, e.At, e.By, e.Action, e.Promotion.Id, CatalogueAuditJson.Write(e.Promotion)),
        r => new PromotionAuditEntry(r.Sequence, r.At, r.By, r.Action, CatalogueAuditJson.Read<PromotionDefinition>(r.Subject)),
        logger);

    private PromotionCatalogueChanges? _changes;

    private PromotionCatalogueState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Audit.Count > 0)
            S.AuditSequence = Math.Max(S.AuditSequence, S.Audit[^1].Sequence);
        return _audit.FlushAsync(S.Audit);
    }

    public async Task<PromotionRecord> Create(PromotionDefinition draft, string by)
    {
        var number = S.LastNumber + 1;
        var definition = draft with { Id = IdPrefix + number.ToString("D6", CultureInfo.InvariantCulture), EndedAt = null };
        var record = new PromotionRecord(definition, time.GetUtcNow(), by);
        await StoreAsync(s =>
        {
            s.LastNumber = number;
            s.Promotions.Add(record);
        }, new PromotionAuditEntry(0, record.CreatedAt, by, Created, definition));
        return record;
    }

    public async Task<PromotionRecord?> End(string promotionId, string by)
    {
        var record = S.Promotions.Find(p => p.Definition.Id == promotionId);
        if (record is null)
            return await Get(promotionId); // unknown (null), or ended long ago: as it is
        var now = time.GetUtcNow();
        if (record.Definition.EndedAt is not null || record.Definition.EndsAt <= now)
            return record;
        var ended = record with { Definition = record.Definition with { EndedAt = now }, EndedBy = by };
        await StoreAsync(s => s.Promotions[s.Promotions.FindIndex(p => p.Definition.Id == promotionId)] = ended,
            new PromotionAuditEntry(0, now, by, Ended, ended.Definition));
        return ended;
    }

    public async Task<PromotionRecord?> Get(string promotionId)
    {
        if (S.Promotions.Find(p => p.Definition.Id == promotionId) is { } record)
            return record;
        if (!IsGivenOut(promotionId))
            return null;
        return PromotionHistory.Record(await _audit.ReadSubjectAsync(S.Audit, promotionId));
    }

    public Task<IReadOnlyList<PromotionRecord>> List() => Task.FromResult<IReadOnlyList<PromotionRecord>>(S.Promotions.ToArray());

    public Task<CatalogueAuditPage<PromotionAuditEntry>> Audit(long? before, int limit) => _audit.ReadAsync(S.Audit, before, limit);

    public Task<PromotionCatalogueChanges?> ChangesSince(long version)
    {
        if (version == S.Version)
            return Task.FromResult<PromotionCatalogueChanges?>(null);
        _changes ??= new PromotionCatalogueChanges(S.Version, S.Promotions.Select(p => p.Definition).ToArray());
        return Task.FromResult<PromotionCatalogueChanges?>(_changes);
    }

    /// <summary>Whether <paramref name="promotionId"/> is an id this catalogue gave out (<c>P-000001</c> to the last).</summary>
    private bool IsGivenOut(string promotionId) =>
        promotionId.StartsWith(IdPrefix, StringComparison.Ordinal)
        && long.TryParse(promotionId.AsSpan(IdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number >= 1 && number <= S.LastNumber
        && promotionId.Length == IdPrefix.Length + Math.Max(6, number.ToString(CultureInfo.InvariantCulture).Length);

    /// <summary>
    /// Stores a change with its audit entry and a new version, leaving out the promotions that ended longer ago than
    /// the transaction window; then copies the entry to the audit table.
    /// </summary>
    private async Task StoreAsync(Action<PromotionCatalogueState> change, PromotionAuditEntry entry)
    {
        var endedBefore = time.GetUtcNow().AddDays(-programme.Options.TransactionWindowDays);
        _changes = null;
        try
        {
            await CatalogueStateWrite.StoreAsync(state, copier, s =>
            {
                change(s);
                s.Promotions.RemoveAll(p => p.Definition.EffectiveEnd <= endedBefore);
                s.AuditSequence++;
                s.Audit.Add(entry with { Sequence = s.AuditSequence });
                s.Version++;
            }, DeactivateOnIdle, logger);
        }
        finally
        {
            _changes = null;
        }
        await _audit.FlushAsync(S.Audit);
    }
}
