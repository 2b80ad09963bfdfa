using Loyalty.Grains.Catalogues;

namespace Loyalty.Grains.Clubs;

/// <summary>
/// The clubs of the programme and the audit of their changes: low-rate marketing data, one grain (key
/// <see cref="ClubCatalogue.Key"/>). Members' purchases never call it: a member's clubs live in the member's state.
/// </summary>
[Alias("loyalty.club-catalogue")]
public interface IClubCatalogueGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Creates the club or updates its name and description; <paramref name="by"/> is who asked. Null when the club
    /// is new and the catalogue already holds <see cref="Domain.ProgrammeOptions.MaxClubs"/> clubs.
    /// </summary>
    [Alias("put")]
    Task<ClubSaved?> Put(string clubId, string name, string? description, string by);

    [Alias("get"), Orleans.Concurrency.ReadOnly]
    Task<Club?> Get(string clubId);

    /// <summary>Every club, by id.</summary>
    [Alias("list"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<Club>> List();

    /// <summary>At most <paramref name="limit"/> changes, newest first, with a sequence below <paramref name="before"/> (all when null).</summary>
    [Alias("audit-page"), Orleans.Concurrency.ReadOnly]
    Task<CatalogueAuditPage<ClubAuditEntry>> Audit(long? before, int limit);
}

public static class ClubCatalogue
{
    public const long Key = 0;

    public static IClubCatalogueGrain ClubCatalogueGrain(this IGrainFactory grains) => grains.GetGrain<IClubCatalogueGrain>(Key);
}
