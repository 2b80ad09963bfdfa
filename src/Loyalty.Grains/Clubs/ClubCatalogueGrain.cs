using Loyalty.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Grains.Clubs;

/// <summary>The clubs, stored under their own state name. A change is answered once it is stored.</summary>
public sealed class ClubCatalogueGrain(
    [PersistentState("club-catalogue", LoyaltyStorageNames.GrainStorage)] IPersistentState<ClubCatalogueState> state,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time) : Grain, IClubCatalogueGrain
{
    public async Task<ClubSaved> Put(string clubId, string name, string? description, string by)
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
        var created = new Club(clubId, name, description, now, now);
        await StoreAsync(created, "created", by, now);
        return new ClubSaved(created, Created: true, Changed: true);
    }

    public Task<Club?> Get(string clubId) => Task.FromResult(state.State.Clubs.GetValueOrDefault(clubId));

    public Task<IReadOnlyList<Club>> List() =>
        Task.FromResult<IReadOnlyList<Club>>(state.State.Clubs.Values.OrderBy(c => c.ClubId, StringComparer.Ordinal).ToArray());

    public Task<IReadOnlyList<ClubAuditEntry>> Audit() => Task.FromResult<IReadOnlyList<ClubAuditEntry>>(state.State.Audit.ToArray());

    /// <summary>Stores the club and its audit entry together; if the write fails, the state is read back and nothing changed.</summary>
    private async Task StoreAsync(Club club, string action, string by, DateTimeOffset now)
    {
        var s = state.State;
        s.Clubs[club.ClubId] = club;
        s.Audit.Add(new ClubAuditEntry(s.Audit.Count + 1, now, by, action, club));
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
