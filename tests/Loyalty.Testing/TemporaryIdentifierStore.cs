using System.Collections.Concurrent;
using Loyalty.Domain.Identity;

namespace Loyalty.Testing;

/// <summary>
/// Temporary, for the sign-in tests (HTTP and browser) only until the engine registers its own identifier store: who owns which
/// identifier, in memory. Registered only when the engine has none (TryAdd), so the engine's store wins once it has one.
/// </summary>
public sealed class TemporaryIdentifierStore : IIdentifierStore
{
    private readonly ConcurrentDictionary<MemberIdentifier, string> _owners = new();

    public Task<string?> FindMemberAsync(MemberIdentifier identifier, CancellationToken cancellationToken = default) =>
        Task.FromResult(_owners.TryGetValue(identifier, out var owner) ? owner : null);

    public Task<bool> TryClaimAsync(MemberIdentifier identifier, string memberId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_owners.GetOrAdd(identifier, memberId) == memberId);

    public Task<bool> ReleaseAsync(MemberIdentifier identifier, string memberId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_owners.TryRemove(new KeyValuePair<MemberIdentifier, string>(identifier, memberId)));

    public Task<IReadOnlyList<MemberIdentifier>> ForMemberAsync(string memberId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MemberIdentifier>>(_owners.Where(p => p.Value == memberId).Select(p => p.Key).ToList());
}
