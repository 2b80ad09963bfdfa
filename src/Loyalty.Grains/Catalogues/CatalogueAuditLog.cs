using System.Text.Json;
using System.Text.Json.Serialization;
using Loyalty.Storage.Catalogues;
using Microsoft.Extensions.Logging;

namespace Loyalty.Grains.Catalogues;

/// <summary>
/// A catalogue grain's audit log: the entries of its changes travel in an outbox in its stored state (so that an entry
/// exists exactly when its change is stored), are then copied to the audit table and dropped from the outbox, which
/// thus stays small. Reads page the table, with the entries the outbox still holds. Runs in the grain's own turns.
/// </summary>
internal sealed partial class CatalogueAuditLog<T>(
    ICatalogueAuditStore store,
    string catalogue,
    Func<T, CatalogueAuditRow> toRow,
    Func<CatalogueAuditRow, T> fromRow,
    ILogger logger)
{
    /// <summary>
    /// Copies the outbox (entries stored with the state) to the audit table and empties it. On failure the entries
    /// stay in the outbox; the next change or activation sends them again, and the table keeps each once.
    /// </summary>
    public async Task FlushAsync(List<T> outbox)
    {
        if (outbox.Count == 0)
            return;
        var sent = outbox.Count;
        try
        {
            await store.AppendAsync(catalogue, outbox.Select(toRow).ToArray());
        }
        catch (Exception ex)
        {
            LogFlushFailed(logger, ex, catalogue, sent);
            return;
        }
        outbox.RemoveRange(0, sent);
    }

    /// <summary>At most <paramref name="limit"/> entries, newest first, with a sequence below <paramref name="before"/> (all when null).</summary>
    public async Task<CatalogueAuditPage<T>> ReadAsync(IReadOnlyList<T> outbox, long? before, int limit)
    {
        var stored = await store.ReadAsync(catalogue, before, limit);
        var entries = stored.Select(fromRow)
            .Concat(outbox.Where(e => before is null || toRow(e).Sequence < before))
            .Select(e => (Entry: e, toRow(e).Sequence))
            .DistinctBy(e => e.Sequence)
            .OrderByDescending(e => e.Sequence)
            .Take(limit)
            .ToArray();
        long? next = entries.Length == limit && entries[^1].Sequence > 1 ? entries[^1].Sequence : null;
        return new CatalogueAuditPage<T>(entries.Select(e => e.Entry).ToArray(), next);
    }

    /// <summary>The entries of one club or promotion, oldest first.</summary>
    public async Task<IReadOnlyList<T>> ReadSubjectAsync(IReadOnlyList<T> outbox, string subjectId)
    {
        var stored = await store.ReadSubjectAsync(catalogue, subjectId);
        return stored
            .Concat(outbox.Select(toRow).Where(r => r.SubjectId == subjectId))
            .DistinctBy(r => r.Sequence)
            .OrderBy(r => r.Sequence)
            .Select(fromRow)
            .ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Copying {Count} entries of the {Catalogue} audit to its table failed; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string catalogue, int count);
}

/// <summary>How an audit entry's subject (a club, a promotion) is written in the audit table: JSON as the API shows it.</summary>
internal static class CatalogueAuditJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write<TSubject>(TSubject subject) => JsonSerializer.Serialize(subject, Options);

    public static TSubject Read<TSubject>(string json) =>
        JsonSerializer.Deserialize<TSubject>(json, Options) ?? throw new JsonException($"An audit entry holds no {typeof(TSubject).Name}.");
}
