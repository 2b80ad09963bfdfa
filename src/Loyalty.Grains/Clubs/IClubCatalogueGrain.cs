namespace Loyalty.Grains.Clubs;

/// <summary>
/// The clubs of the programme and the audit of their changes: low-rate marketing data, one grain (key
/// <see cref="ClubCatalogue.Key"/>). Members' purchases never call it: a member's clubs live in the member's state.
/// </summary>
[Alias("loyalty.club-catalogue")]
public interface IClubCatalogueGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the club or updates its name and description; <paramref name="by"/> is who asked.</summary>
    [Alias("put")]
    Task<ClubSaved> Put(string clubId, string name, string? description, string by);

    [Alias("get"), Orleans.Concurrency.ReadOnly]
    Task<Club?> Get(string clubId);

    /// <summary>Every club, by id.</summary>
    [Alias("list"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<Club>> List();

    /// <summary>The changes, oldest first.</summary>
    [Alias("audit"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<ClubAuditEntry>> Audit();
}

public static class ClubCatalogue
{
    public const long Key = 0;

    public static IClubCatalogueGrain ClubCatalogueGrain(this IGrainFactory grains) => grains.GetGrain<IClubCatalogueGrain>(Key);
}
