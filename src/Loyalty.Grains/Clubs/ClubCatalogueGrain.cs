using Loyalty.Domain;
using Loyalty.Grains.Catalogues;
using Loyalty.Storage;
using Loyalty.Storage.Catalogues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Loyalty.Grains.Clubs;

/// <summary>
/// The clubs, stored under their own state name, at most <see cref="ProgrammeOptions.MaxClubs"/> of them. A change is
/// answered once it is stored; its audit entry goes to the audit table through an outbox in the state.
/// </summary>
public sealed class ClubCatalogueGrain(
    [PersistentState("club-catalogue", LoyaltyStorageNames.GrainStorage)] IPersistentState<ClubCatalogueState> state,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    Programme programme,
    ICatalogueAuditStore auditStore,
    DeepCopier<ClubCatalogueState> copier,
    ILogger<ClubCatalogueGrain> logger) : Grain, IClubCatalogueGrain
{
    private readonly CatalogueAuditLog<ClubAuditEntry> _audit = new(auditStore, ICatalogueAuditStore.Clubs,
        e => new CatalogueAuditRow(e.Sequence, e.At, e.By, e.Action, e.Club.ClubId, CatalogueAuditJson.Write(e.Club)),
        r => new ClubAuditEntry(r.Sequence, r.At, r.By, r.Action, CatalogueAuditJson.Read<Club>(r.Subject)),
        logger);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.Audit.Count > 0)
            s.AuditSequence = Math.Max(s.AuditSequence, s.Audit[^1].Sequence);
        return _audit.FlushAsync(s.Audit);
    }

    public async Task<ClubSaved?> Put(string clubId, string name, string? description, string by)
    {
        var clubs = state.State.Clubs;
        var now = time.GetUtcNow();
        if (clubs.TryGetValue(clubId, out var existing))
        {
            if (existing.Name == name && existing.Description == description)
                return new ClubSaved(existing, Created: false, Changed: false);
            var updated = existing with { Name = name, Description = description, UpdatedAt = now };
            await StoreAsync(updated, "updated", by, now);
            return new ClubSaved(updated, Created: false, Changed: true);
        }
        if (clubs.Count >= programme.Options.MaxClubs)
            return null;
        var created = new Club(clubId, name, description, now, now);
        await StoreAsync(created, "created", by, now);
        return new ClubSaved(created, Created: true, Changed: true);
    }

    public Task<Club?> Get(string clubId) => Task.FromResult(state.State.Clubs.GetValueOrDefault(clubId));

    public Task<IReadOnlyList<Club>> List() =>
        Task.FromResult<IReadOnlyList<Club>>(state.State.Clubs.Values.OrderBy(c => c.ClubId, StringComparer.Ordinal).ToArray());

    public Task<CatalogueAuditPage<ClubAuditEntry>> Audit(long? before, int limit) => _audit.ReadAsync(state.State.Audit, before, limit);

    /// <summary>Stores the club and its audit entry together, then copies the entry to the audit table.</summary>
    private async Task StoreAsync(Club club, string action, string by, DateTimeOffset now)
    {
        await CatalogueStateWrite.StoreAsync(state, copier, s =>
        {
            s.Clubs[club.ClubId] = club;
            s.AuditSequence++;
            s.Audit.Add(new ClubAuditEntry(s.AuditSequence, now, by, action, club));
        }, DeactivateOnIdle, logger);
        await _audit.FlushAsync(state.State.Audit);
    }
}
