namespace Loyalty.Grains.Catalogues;

/// <summary>
/// A page of a catalogue's audit log, newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next,
/// older page (null at the first entry).
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.catalogue-audit-page`1")]
public sealed record CatalogueAuditPage<T>(
    [property: Id(0)] IReadOnlyList<T> Entries,
    [property: Id(1)] long? NextBefore);
