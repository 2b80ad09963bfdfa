using Loyalty.Domain.SignIn;
using Loyalty.Grains;
using Loyalty.Storage.SignIn;

namespace Loyalty.Server.SignIn;

/// <summary>Rotating refresh tokens: each one buys the next pair once; a spent one presented again revokes its family.</summary>
public sealed partial class RefreshFlow(
    RefreshTokenStore store, MemberTokens tokens, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider clock, ILogger<RefreshFlow> logger)
{
    public async Task<(RefreshVerdict Verdict, MemberTokenPair? Tokens)> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (!RefreshTokens.IsWellFormed(refreshToken))
            return (RefreshVerdict.Unknown, null);
        var now = clock.GetUtcNow();
        var kept = await store.FindAsync(RefreshTokens.Digest(refreshToken), cancellationToken);
        var verdict = RefreshTokens.Judge(kept, now);
        if (verdict == RefreshVerdict.Usable && !await store.TrySpendAsync(kept!.Digest, now, cancellationToken))
            verdict = RefreshVerdict.Reused; // another refresh spent it a moment ago
        if (verdict == RefreshVerdict.Reused)
        {
            await store.RevokeFamilyAsync(kept!.FamilyId, null, now, cancellationToken);
            LogReused(kept.MemberId);
        }
        return verdict == RefreshVerdict.Usable
            ? (verdict, await tokens.NextAsync(kept!.MemberId, kept.FamilyId, cancellationToken))
            : (verdict, null);
    }

    /// <summary>Signs the member out of one sign-in: its refresh tokens stop working.</summary>
    public Task SignOutAsync(string memberId, string familyId, CancellationToken cancellationToken) =>
        store.RevokeFamilyAsync(familyId, memberId, clock.GetUtcNow(), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spent refresh token of member {MemberId} was presented again: its sign-in is revoked.")]
    private partial void LogReused(string memberId);
}
