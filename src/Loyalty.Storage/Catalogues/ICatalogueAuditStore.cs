namespace Loyalty.Storage.Catalogues;

/// <summary>
/// The audit logs of the catalogues (<c>loyalty_catalogue_audit</c>): every change of the clubs and of the promotions,
/// kept once, readable newest first. <c>catalogue</c> names the log (<see cref="Clubs"/>, <see cref="Promotions"/>).
/// </summary>
public interface ICatalogueAuditStore
{
    public const string Clubs = "clubs";
    public const string Promotions = "promotions";

    /// <summary>
    /// Stores <paramref name="rows"/> in <paramref name="catalogue"/>'s log. Idempotent: a row already stored (same
    /// catalogue and sequence) is left as it is, so a batch may be appended again, whole or overlapping.
    /// </summary>
    Task AppendAsync(string catalogue, IReadOnlyList<CatalogueAuditRow> rows, CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="limit"/> rows of <paramref name="catalogue"/>'s log, newest first, with a sequence below
    /// <paramref name="before"/> (all when null). Pass the last sequence returned as the next <paramref name="before"/>.
    /// </summary>
    Task<IReadOnlyList<CatalogueAuditRow>> ReadAsync(string catalogue, long? before, int limit, CancellationToken cancellationToken = default);

    /// <summary>The rows of one club or promotion in <paramref name="catalogue"/>'s log, oldest first.</summary>
    Task<IReadOnlyList<CatalogueAuditRow>> ReadSubjectAsync(string catalogue, string subjectId, CancellationToken cancellationToken = default);
}

/// <summary>One change of a catalogue: who made it, when, and its subject (the club or promotion as it became, JSON).</summary>
public sealed record CatalogueAuditRow(long Sequence, DateTimeOffset At, string By, string Action, string SubjectId, string Subject);
