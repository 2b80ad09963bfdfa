using Loyalty.Domain.Imports;
using Loyalty.Storage.Imports;

namespace Loyalty.Grains.Imports;

/// <summary>An import's counts as its chunks are applied, and its first rejected lines in line order.</summary>
internal sealed class ImportReport(ImportStatus status, int maxErrors)
{
    private readonly List<ImportLineError> _errors = [.. status.Errors];

    public ImportStatus Status { get; private set; } = status;

    public void Add(IEnumerable<ImportLineOutcome> outcomes, long linesRead, DateTimeOffset now)
    {
        long accepted = 0, skipped = 0, rejected = 0;
        foreach (var outcome in outcomes.OrderBy(o => o.Line))
        {
            switch (outcome.Status)
            {
                case ImportLineStatus.Accepted:
                    accepted++;
                    break;
                case ImportLineStatus.Skipped:
                    skipped++;
                    break;
                default:
                    rejected++;
                    if (_errors.Count < maxErrors)
                        _errors.Add(new ImportLineError(outcome.Line, outcome.Field ?? "line", outcome.Message ?? "Refused."));
                    break;
            }
        }
        Status = Status with
        {
            LinesRead = linesRead, Accepted = Status.Accepted + accepted, Skipped = Status.Skipped + skipped,
            Rejected = Status.Rejected + rejected, Errors = _errors.ToArray(), UpdatedAt = now,
        };
    }

    public ImportStatus Finish(string state, string? message, DateTimeOffset now) =>
        Status = Status with { State = state, Message = message, UpdatedAt = now };
}
