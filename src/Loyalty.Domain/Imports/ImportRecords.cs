namespace Loyalty.Domain.Imports;

/// <summary>What an import brings in: members (with an opening balance) or their historical sales.</summary>
public enum ImportKind
{
    Members,
    Sales,
}

/// <summary>How an import runs: its id (recorded with what it brought in), whether it only checks, whether sales award points.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.import-run")]
public sealed record ImportRun(
    [property: Id(0)] string ImportId,
    [property: Id(1)] bool DryRun,
    [property: Id(2)] bool AwardPoints);

/// <summary>A historical sale as <see cref="Programme"/> records it: the import it came with, and whether it awards points.</summary>
public sealed record SaleImport(string ImportId, bool AwardPoints);

/// <summary>A refused line of an import file: its number (from 1, the CSV header included), the field at fault and why.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.import-line-error")]
public sealed record ImportLineError(
    [property: Id(0)] long Line,
    [property: Id(1)] string Field,
    [property: Id(2)] string Message);

/// <summary>A members line, checked and in normal form (e-mail, phone and card as the identity rules write them).</summary>
[GenerateSerializer, Immutable, Alias("loyalty.imported-member")]
public sealed record ImportedMember(
    [property: Id(0)] long Line,
    [property: Id(1)] string MemberId,
    [property: Id(2)] MemberProfile Profile,
    [property: Id(3)] string? CardNumber,
    [property: Id(4)] DateTimeOffset? EnrolledAt,
    [property: Id(5)] long Points,
    [property: Id(6)] DateOnly? PointsExpireOn,
    [property: Id(7)] string? Tier);

/// <summary>A sales line, checked: the sale as a till would have sent it, with the line (the first row, in CSV) it came from.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.imported-sale")]
public sealed record ImportedSale(
    [property: Id(0)] long Line,
    [property: Id(1)] string MemberId,
    [property: Id(2)] Purchase Purchase);

public enum ImportLineStatus
{
    /// <summary>Applied (or, in a dry run, would be).</summary>
    Accepted,
    /// <summary>Already imported (by an earlier run of the same file): changes nothing.</summary>
    Skipped,
    Rejected,
}

/// <summary>What became of one line; <see cref="Field"/> and <see cref="Message"/> say why for a rejected line.</summary>
[GenerateSerializer, Immutable, Alias("loyalty.import-line-outcome")]
public sealed record ImportLineOutcome(
    [property: Id(0)] long Line,
    [property: Id(1)] ImportLineStatus Status,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] string? Message = null)
{
    public static ImportLineOutcome Accepted(long line) => new(line, ImportLineStatus.Accepted);
    public static ImportLineOutcome Skipped(long line) => new(line, ImportLineStatus.Skipped);
    public static ImportLineOutcome Rejected(long line, string field, string message) => new(line, ImportLineStatus.Rejected, field, message);
    public static ImportLineOutcome Rejected(ImportLineError error) => Rejected(error.Line, error.Field, error.Message);
}
