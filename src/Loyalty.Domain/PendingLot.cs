namespace Loyalty.Domain;

/// <summary>
/// The points of one sale that are not spendable yet (<see cref="ProgrammeOptions.PendingDays"/>): they join the
/// balance, in the lot of <see cref="ExpiresOn"/>, at the start (00:00 UTC) of <see cref="ReleasesOn"/>.
/// </summary>
[GenerateSerializer, Alias("loyalty.pending-lot")]
public sealed class PendingLot
{
    /// <summary>The UTC day from whose start the points are spendable: the sale's day plus <see cref="ProgrammeOptions.PendingDays"/>.</summary>
    [Id(0)] public DateOnly ReleasesOn { get; set; }
    /// <summary>Last day (UTC) on which the points can be used once released: the sale's own expiry.</summary>
    [Id(1)] public DateOnly ExpiresOn { get; set; }
    [Id(2)] public long Points { get; set; }
    /// <summary>The sale that earned the points; a refund of it cancels them first.</summary>
    [Id(3)] public string TransactionId { get; set; } = "";
}
