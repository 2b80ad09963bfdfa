using System.Globalization;
using Loyalty.Domain;
using Loyalty.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Grains.Promotions;

/// <summary>
/// The promotions, stored under their own state name with their audit. Every change raises the version and is
/// answered once stored; a failed write reads the state back, so nothing changed.
/// </summary>
public sealed class PromotionCatalogueGrain(
    [PersistentState("promotion-catalogue", LoyaltyStorageNames.GrainStorage)] IPersistentState<PromotionCatalogueState> state,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time) : Grain, IPromotionCatalogueGrain
{
    public const string Created = "created";
    public const string Ended = "ended";

    private PromotionCatalogueChanges? _changes;

    private PromotionCatalogueState S => state.State;

    public async Task<PromotionRecord> Create(PromotionDefinition draft, string by)
    {
        var number = S.LastNumber + 1;
        var definition = draft with { Id = "P-" + number.ToString("D6", CultureInfo.InvariantCulture), EndedAt = null };
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
        var index = S.Promotions.FindIndex(p => p.Definition.Id == promotionId);
        if (index < 0)
            return null;
        var record = S.Promotions[index];
        var now = time.GetUtcNow();
        if (record.Definition.EndedAt is not null || record.Definition.EndsAt <= now)
            return record;
        var ended = record with { Definition = record.Definition with { EndedAt = now }, EndedBy = by };
        await StoreAsync(s => s.Promotions[index] = ended, new PromotionAuditEntry(0, now, by, Ended, ended.Definition));
        return ended;
    }

    public Task<PromotionRecord?> Get(string promotionId) =>
        Task.FromResult(S.Promotions.Find(p => p.Definition.Id == promotionId));

    public Task<IReadOnlyList<PromotionRecord>> List() => Task.FromResult<IReadOnlyList<PromotionRecord>>(S.Promotions.ToArray());

    public Task<IReadOnlyList<PromotionAuditEntry>> Audit() => Task.FromResult<IReadOnlyList<PromotionAuditEntry>>(S.Audit.ToArray());

    public Task<PromotionCatalogueChanges?> ChangesSince(long version)
    {
        if (version == S.Version)
            return Task.FromResult<PromotionCatalogueChanges?>(null);
        _changes ??= new PromotionCatalogueChanges(S.Version, S.Promotions.Select(p => p.Definition).ToArray());
        return Task.FromResult<PromotionCatalogueChanges?>(_changes);
    }

    private async Task StoreAsync(Action<PromotionCatalogueState> change, PromotionAuditEntry entry)
    {
        change(S);
        S.Audit.Add(entry with { Sequence = S.Audit.Count + 1 });
        S.Version++;
        _changes = null;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }
}
