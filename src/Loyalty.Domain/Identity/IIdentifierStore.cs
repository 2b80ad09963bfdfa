namespace Loyalty.Domain.Identity;

/// <summary>
/// Who owns which identifier, shared by every node (a table in the engine's database). The database's unique key
/// decides races: of two members claiming the same identifier at the same instant, on any nodes, exactly one wins.
/// </summary>
public interface IIdentifierStore
{
    /// <summary>The member who owns <paramref name="identifier"/>, or null.</summary>
    Task<string?> FindMemberAsync(MemberIdentifier identifier, CancellationToken cancellationToken = default);

    /// <summary>
    /// Binds <paramref name="identifier"/> to <paramref name="memberId"/> unless another member owns it. True when the
    /// member owns it afterwards (also when it was theirs already); false when it belongs to someone else.
    /// </summary>
    Task<bool> TryClaimAsync(MemberIdentifier identifier, string memberId, CancellationToken cancellationToken = default);

    /// <summary>Frees <paramref name="identifier"/> if <paramref name="memberId"/> owns it; true when it did.</summary>
    Task<bool> ReleaseAsync(MemberIdentifier identifier, string memberId, CancellationToken cancellationToken = default);

    /// <summary>Every identifier <paramref name="memberId"/> owns.</summary>
    Task<IReadOnlyList<MemberIdentifier>> ForMemberAsync(string memberId, CancellationToken cancellationToken = default);
}
