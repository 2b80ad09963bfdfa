namespace Loyalty.Storage.Tills;

/// <summary>
/// The enrolled tills and their session tokens (<c>loyalty_tills</c>, <c>loyalty_till_sessions</c>). Keys and tokens
/// are never stored: only their digests (hex SHA-256), which are what a node compares a presented credential with.
/// </summary>
public interface ITillStore
{
    /// <summary>Enrols a till with the digest of its key.</summary>
    Task EnrolAsync(EnrolledTill till, string keyDigest, CancellationToken cancellationToken = default);

    /// <summary>Every enrolled till, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<EnrolledTill>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes a till and with it its sessions; a till already revoked keeps its first revocation time.
    /// False when no such till was ever enrolled.
    /// </summary>
    Task<bool> RevokeAsync(string tillId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Stores a session token's digest for a till, and forgets that till's sessions expired before <paramref name="createdAt"/>.</summary>
    Task AddSessionAsync(string tillId, string tokenDigest, DateTimeOffset createdAt, DateTimeOffset expiresAt,
        CancellationToken cancellationToken = default);

    /// <summary>The credentials that may sign a till in at <paramref name="now"/>: keys of tills not revoked, and their unexpired sessions.</summary>
    Task<IReadOnlyList<TillCredential>> ActiveCredentialsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>An enrolled till as the operations API shows it.</summary>
public sealed record EnrolledTill(string TillId, string Name, string StoreId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// A digest that signs a till in: its key (<see cref="ExpiresAt"/> null) or one of its session tokens.
/// </summary>
public sealed record TillCredential(string Digest, string TillId, string Name, string StoreId, DateTimeOffset? ExpiresAt)
{
    public bool IsSession => ExpiresAt is not null;
}
