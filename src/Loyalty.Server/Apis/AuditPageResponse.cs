using Loyalty.Grains.Catalogues;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Server.Apis;

/// <summary>
/// A page of an audit log, newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next, older page
/// (null at the first entry).
/// </summary>
public sealed record AuditPageResponse<T>(IReadOnlyList<T> Entries, long? NextBefore)
{
    /// <summary>
    /// The answer to a read of an audit log: its paging arguments checked (400 when bad), then the page that
    /// <paramref name="read"/> gives, each entry shown as <paramref name="view"/> makes it.
    /// </summary>
    public static async Task<Results<Ok<AuditPageResponse<T>>, ValidationProblem>> AnswerAsync<TEntry>(
        HttpRequest request, int? limit, long? before, Func<long?, int, Task<CatalogueAuditPage<TEntry>>> read, Func<TEntry, T> view)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        RequestValidation.CheckPage(request.Query, limit, before, errors);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        var page = await read(before, limit ?? RequestValidation.DefaultPageSize);
        return TypedResults.Ok(new AuditPageResponse<T>(page.Entries.Select(view).ToArray(), page.NextBefore));
    }
}
