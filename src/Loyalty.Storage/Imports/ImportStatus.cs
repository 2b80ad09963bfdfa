using Loyalty.Domain.Imports;

namespace Loyalty.Storage.Imports;

/// <summary>Where an import stands: <see cref="ImportStates"/>, its counts, and its first rejected lines.</summary>
public sealed record ImportStatus(
    string ImportId,
    ImportKind Kind,
    bool DryRun,
    bool AwardPoints,
    string State,
    long LinesRead,
    long Accepted,
    long Skipped,
    long Rejected,
    IReadOnlyList<ImportLineError> Errors,
    string? Message,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt);

public static class ImportStates
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>The imports' status rows (<c>loyalty_imports</c>).</summary>
public interface IImportStatusStore
{
    /// <summary>Writes the status, inserting it the first time.</summary>
    Task SaveAsync(ImportStatus status, CancellationToken cancellationToken = default);

    /// <summary>The import's status, or null when there is none with that id.</summary>
    Task<ImportStatus?> FindAsync(string importId, CancellationToken cancellationToken = default);
}
