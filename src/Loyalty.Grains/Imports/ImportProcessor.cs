using Loyalty.Domain;
using Loyalty.Domain.Identity;
using Loyalty.Domain.Imports;
using Loyalty.Storage.Imports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Grains.Imports;

/// <summary>
/// Runs an import: reads the file in chunks of <see cref="ImportOptions.ChunkLines"/> lines (the next chunk read while one
/// is applied), groups a chunk's lines by member and makes one call per member with all of them
/// (<see cref="IMemberImportGrain"/>), at most <see cref="ImportOptions.MaxCallsInFlight"/> at once, chunk after chunk, so
/// a member's lines apply in the file's order. Memory holds two chunks, whatever the file's size. The status is stored
/// after each chunk. A member's identifiers are claimed before the member grain hears of them, as for an enrolment.
/// </summary>
public sealed partial class ImportProcessor(
    IGrainFactory grains,
    IIdentifierStore identifiers,
    IImportStatusStore statuses,
    Programme programme,
    IOptions<ImportOptions> options,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<ImportProcessor> logger)
{
    private const int Attempts = 3;

    /// <summary>The status a new import starts with, stored before its file is read.</summary>
    public ImportStatus Started(string importId, ImportKind kind, ImportRun run)
    {
        var now = time.GetUtcNow();
        return new ImportStatus(importId, kind, run.DryRun, run.AwardPoints, ImportStates.Running, 0, 0, 0, 0, [], null, now, now);
    }

    /// <summary>Imports <paramref name="text"/> to its end, or until <paramref name="cancellationToken"/>; answers the final status, stored.</summary>
    public async Task<ImportStatus> RunAsync(ImportStatus status, ImportFormat format, string phoneRegion, TextReader text,
        CancellationToken cancellationToken)
    {
        var run = new ImportRun(status.ImportId, status.DryRun, status.AwardPoints);
        var report = new ImportReport(status, options.Value.MaxReportedErrors);
        try
        {
            var rules = new ImportLineRules(options.Value, time.GetUtcNow(), phoneRegion, programme.Options.Tiers.Select(t => t.Name).ToArray());
            if (status.Kind == ImportKind.Members)
                await RunChunksAsync(ImportFileReader<ImportedMember>.Members(text, format, rules), m => m.MemberId, m => m.Line,
                    (member, lines) => ImportMembersAsync(member, lines, run), report, cancellationToken);
            else
                await RunChunksAsync(ImportFileReader<ImportedSale>.Sales(text, format, rules), s => s.MemberId, s => s.Line,
                    (member, sales) => CallAsync(() => grains.GetGrain<IMemberImportGrain>(member).ImportSales(sales, run), sales, s => s.Line),
                    report, cancellationToken);
            return await SaveAsync(report.Finish(ImportStates.Done, null, time.GetUtcNow()));
        }
        catch (Exception ex)
        {
            LogImportFailed(logger, ex, status.ImportId);
            var message = cancellationToken.IsCancellationRequested
                ? "The engine stopped during the import; send the file again: what was imported is skipped."
                : $"The import stopped ({ex.GetType().Name}: {ex.Message}); send the file again: what was imported is skipped.";
            return await SaveAsync(report.Finish(ImportStates.Failed, message, time.GetUtcNow()));
        }
    }

    private async Task RunChunksAsync<T>(ImportFileReader<T> reader, Func<T, string> memberOf, Func<T, long> lineOf,
        Func<string, IReadOnlyList<T>, Task<IReadOnlyList<ImportLineOutcome>>> apply, ImportReport report, CancellationToken cancellationToken)
        where T : class
    {
        var chunkLines = options.Value.ChunkLines;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxCallsInFlight, CancellationToken = cancellationToken };
        var next = ReadChunkAsync(reader, chunkLines, cancellationToken);
        while (true)
        {
            var chunk = await next;
            if (chunk.Values.Count == 0 && chunk.Errors.Count == 0)
                break;
            next = ReadChunkAsync(reader, chunkLines, cancellationToken);
            var outcomes = new List<ImportLineOutcome>(chunk.Values.Count + chunk.Errors.Count);
            outcomes.AddRange(chunk.Errors.Select(ImportLineOutcome.Rejected));
            var groups = chunk.Values.GroupBy(memberOf, StringComparer.Ordinal).ToArray();
            var results = new IReadOnlyList<ImportLineOutcome>[groups.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, groups.Length), parallel, async (i, _) =>
                results[i] = await apply(groups[i].Key, groups[i].ToArray()));
            foreach (var result in results)
                outcomes.AddRange(result);
            report.Add(outcomes, chunk.LinesRead, time.GetUtcNow());
            await SaveAsync(report.Status);
        }
    }

    private static async Task<Chunk<T>> ReadChunkAsync<T>(ImportFileReader<T> reader, int lines, CancellationToken cancellationToken) where T : class
    {
        await Task.Yield(); // read on the thread pool, while the chunk before is applied
        var values = new List<T>();
        var errors = new List<ImportLineError>();
        var start = reader.LinesRead;
        while (reader.LinesRead - start < lines && await reader.ReadAsync(cancellationToken) is { } parsed)
        {
            if (parsed.Error is { } error)
                errors.Add(error);
            else
                values.Add(parsed.Value!);
        }
        return new Chunk<T>(values, errors, reader.LinesRead);
    }

    /// <summary>
    /// The member's lines of a chunk: the first enrols them, once its identifiers are claimed (refused when another
    /// member has one; released again when the line did not enrol); a further line for the same member is a duplicate.
    /// A dry run only looks whom the identifiers belong to.
    /// </summary>
    private async Task<IReadOnlyList<ImportLineOutcome>> ImportMembersAsync(string memberId, IReadOnlyList<ImportedMember> lines, ImportRun run)
    {
        var first = lines[0];
        var outcomes = lines.Skip(1).Select(l => ImportLineOutcome.Rejected(l.Line, "memberId",
            $"Member '{memberId}' appears on an earlier line of this file (line {first.Line}).")).ToList();
        var claimed = new List<MemberIdentifier>();
        ImportLineOutcome outcome;
        try
        {
            foreach (var identifier in IdentifiersOf(first))
            {
                var owner = await identifiers.FindMemberAsync(identifier);
                if (owner == memberId)
                    continue;
                if (owner is not null || (!run.DryRun && !await identifiers.TryClaimAsync(identifier, memberId)))
                {
                    await ReleaseAsync(claimed, memberId);
                    outcomes.Insert(0, ImportLineOutcome.Rejected(first.Line, identifier.Kind == IdentifierKind.Card ? "cardNumber" : identifier.Field,
                        $"This {identifier.Field} belongs to another member."));
                    return outcomes;
                }
                if (!run.DryRun)
                    claimed.Add(identifier);
            }
            outcome = (await CallAsync(() => grains.GetGrain<IMemberImportGrain>(memberId).ImportMember([first], run), [first], l => l.Line))[0];
        }
        catch
        {
            await ReleaseAsync(claimed, memberId);
            throw;
        }
        if (outcome.Status != ImportLineStatus.Accepted)
            await ReleaseAsync(claimed, memberId);
        outcomes.Insert(0, outcome);
        return outcomes;
    }

    private static IEnumerable<MemberIdentifier> IdentifiersOf(ImportedMember member)
    {
        if (member.Profile.Email is { } email)
            yield return MemberIdentifier.Email(email);
        if (member.Profile.Phone is { } phone)
            yield return MemberIdentifier.Phone(phone);
        if (member.CardNumber is { } card)
            yield return MemberIdentifier.Card(card);
    }

    private async Task ReleaseAsync(IEnumerable<MemberIdentifier> claimed, string memberId)
    {
        foreach (var identifier in claimed)
            await identifiers.ReleaseAsync(identifier, memberId);
    }

    /// <summary>
    /// One member call, tried again when storage failed (the call changed nothing, and is idempotent anyway); a call the
    /// lines themselves made fail refuses them all. A call failing <see cref="Attempts"/> times fails the import.
    /// </summary>
    private static async Task<IReadOnlyList<ImportLineOutcome>> CallAsync<T>(Func<Task<IReadOnlyList<ImportLineOutcome>>> call,
        IReadOnlyList<T> lines, Func<T, long> lineOf)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is InvalidCommandException or AmountOutOfRangeException)
            {
                return lines.Select(l => ImportLineOutcome.Rejected(lineOf(l), "line", ex.Message)).ToArray();
            }
            catch (Privacy.MemberErasedException ex)
            {
                return lines.Select(l => ImportLineOutcome.Rejected(lineOf(l), "memberId", ex.Message)).ToArray();
            }
            catch (Exception) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    private async Task<ImportStatus> SaveAsync(ImportStatus status)
    {
        await statuses.SaveAsync(status);
        return status;
    }

    private sealed record Chunk<T>(IReadOnlyList<T> Values, IReadOnlyList<ImportLineError> Errors, long LinesRead);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} failed")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, string importId);
}
