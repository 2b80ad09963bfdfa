using Loyalty.Domain.SignIn;

namespace Loyalty.Domain.Tests.SignIn;

public class RefreshTokenTests
{
    private static readonly DateTimeOffset T0 = new(2030, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static RefreshToken Kept(DateTimeOffset? spentAt = null, bool revoked = false) =>
        new(RefreshTokens.Digest("t"), "family", "m-1", T0.AddDays(30), spentAt, revoked);

    [Fact]
    public void Tokens_are_32_random_bytes_in_base64url_and_kept_by_their_sha256()
    {
        var token = RefreshTokens.NewToken();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.True(RefreshTokens.IsWellFormed(token));
        Assert.NotEqual(token, RefreshTokens.NewToken());
        Assert.Matches("^[0-9a-f]{64}$", RefreshTokens.Digest(token));
        Assert.Equal(RefreshTokens.Digest(token), RefreshTokens.Digest(token));
        Assert.False(RefreshTokens.IsWellFormed(token[..42]));
        Assert.False(RefreshTokens.IsWellFormed(token[..42] + "+"));
    }

    [Fact]
    public void A_token_is_usable_once_and_until_it_expires()
    {
        Assert.Equal(RefreshVerdict.Usable, RefreshTokens.Judge(Kept(), T0));
        Assert.Equal(RefreshVerdict.Expired, RefreshTokens.Judge(Kept(), T0.AddDays(30)));
        Assert.Equal(RefreshVerdict.Unknown, RefreshTokens.Judge(null, T0));
    }

    [Fact]
    public void A_spent_token_presented_again_is_a_reuse_and_a_revoked_family_refuses_everything()
    {
        Assert.Equal(RefreshVerdict.Reused, RefreshTokens.Judge(Kept(spentAt: T0), T0.AddMinutes(1)));
        Assert.Equal(RefreshVerdict.Revoked, RefreshTokens.Judge(Kept(revoked: true), T0));
        Assert.Equal(RefreshVerdict.Revoked, RefreshTokens.Judge(Kept(spentAt: T0, revoked: true), T0));
    }
}
