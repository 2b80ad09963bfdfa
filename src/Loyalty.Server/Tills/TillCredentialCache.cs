using System.Collections.Frozen;
using Loyalty.Storage.Tills;

namespace Loyalty.Server.Tills;

/// <summary>
/// This node's copy of the active tills' digests (keys and session tokens), replaced whole by
/// <see cref="TillCredentialRefresh"/>: a presented credential is checked here, never in the database.
/// </summary>
public sealed class TillCredentialCache
{
    private volatile FrozenDictionary<string, TillCredential> _active = FrozenDictionary<string, TillCredential>.Empty;

    /// <summary>Whether the credential belongs to an active till (a session token only until it expires).</summary>
    public bool TryMatch(string presented, DateTimeOffset now, out TillCredential credential)
    {
        if (presented.StartsWith(TillSecrets.KeyPrefix, StringComparison.Ordinal) || presented.StartsWith(TillSecrets.SessionPrefix, StringComparison.Ordinal))
            return TryFind(TillSecrets.Digest(presented), now, out credential);
        credential = null!;
        return false;
    }

    /// <summary>Whether the credential of this digest still signs a till in.</summary>
    public bool IsActive(string digest, DateTimeOffset now) => TryFind(digest, now, out _);

    private bool TryFind(string digest, DateTimeOffset now, out TillCredential credential)
    {
        if (_active.TryGetValue(digest, out var found) && (found.ExpiresAt is not { } expires || expires > now))
        {
            credential = found;
            return true;
        }
        credential = null!;
        return false;
    }

    public void Replace(IEnumerable<TillCredential> active) =>
        _active = active.ToFrozenDictionary(c => c.Digest, StringComparer.Ordinal);
}
