namespace Loyalty.Storage.Privacy;

/// <summary>
/// What an erasure removes outside the member's own state, each step idempotent (done again, it changes nothing), so
/// that an erasure interrupted at any step completes when it is run again.
/// </summary>
public interface IErasureStore
{
    /// <summary>
    /// Takes <paramref name="texts"/> (name, e-mail, phone) out of the descriptions and details of the member's ledger
    /// entries, and the name from the enrolment's (see <see cref="Domain.Privacy.ErasedTexts"/>); the amounts, kinds and times stay. Answers how many entries changed.
    /// </summary>
    Task<int> EraseLedgerTextsAsync(string memberId, IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets the member in the tables that only serve a live member: the sign-in codes of its identifiers (kept by
    /// their digests) and its pending-release mark.
    /// </summary>
    Task ForgetLiveRowsAsync(string memberId, IReadOnlyList<string> identifierDigests, CancellationToken cancellationToken = default);

    /// <summary>Revokes every refresh token family (sign-in) of the member: no token of theirs refreshes any more.</summary>
    Task RevokeSignInsAsync(string memberId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the bytes of what was deleted or overwritten from the database's files: on SQLite (whose connections zero
    /// what they delete) checkpoints the write-ahead log and truncates it; on PostgreSQL vacuums the tables an erasure changes.
    /// </summary>
    Task RemoveDeletedBytesAsync(CancellationToken cancellationToken = default);
}
