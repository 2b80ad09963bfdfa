using Loyalty.Domain;

namespace Loyalty.Grains;

/// <summary>What a merge's source hands over: its snapshot, and whether it has already emptied itself into the target.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.merge-hand-over")]
public sealed record MergeHandOver(
    [property: Id(0)] MergeSnapshot Snapshot,
    [property: Id(1)] bool Completed);
