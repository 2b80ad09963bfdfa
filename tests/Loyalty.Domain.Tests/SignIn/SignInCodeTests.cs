using Loyalty.Domain.Identity;
using Loyalty.Domain.SignIn;

namespace Loyalty.Domain.Tests.SignIn;

public class SignInCodeTests
{
    private static readonly DateTimeOffset T0 = new(2030, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Ada = IdentifierDigest.Of(MemberIdentifier.Email("ada@example.org"));

    [Fact]
    public void Codes_are_six_digits_with_leading_zeros_kept_and_spread_over_all_of_them()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => SignInCodes.NewCode()).ToList();
        Assert.All(codes, c => Assert.Matches("^[0-9]{6}$", c));
        Assert.True(codes.Distinct().Count() > 1900);
        Assert.Contains(codes, c => c[0] == '0');
    }

    [Theory]
    [InlineData("012345", true)]
    [InlineData("12345", false)]
    [InlineData("1234567", false)]
    [InlineData("12a456", false)]
    [InlineData("１２３４５６", false)]
    [InlineData(null, false)]
    public void Only_six_ascii_digits_are_a_code(string? code, bool wellFormed) => Assert.Equal(wellFormed, SignInCodes.IsWellFormed(code));

    [Fact]
    public void A_kept_code_holds_neither_the_code_nor_the_identifier_and_matches_only_its_code()
    {
        var kept = SignInCodes.Keep(Ada, "042917", T0);

        Assert.DoesNotContain("042917", kept.CodeDigest + kept.Salt + kept.IdentifierDigest);
        Assert.DoesNotContain("ada", kept.IdentifierDigest);
        Assert.True(SignInCodes.Matches(kept, "042917"));
        Assert.False(SignInCodes.Matches(kept, "042918"));
        Assert.False(SignInCodes.Matches(kept, "42917"));
        Assert.Equal(T0 + TimeSpan.FromMinutes(10), kept.ExpiresAt);
    }

    [Fact]
    public void The_same_code_kept_twice_has_different_salts_and_digests()
    {
        var one = SignInCodes.Keep(Ada, "111111", T0);
        var two = SignInCodes.Keep(Ada, "111111", T0);
        Assert.NotEqual(one.Salt, two.Salt);
        Assert.NotEqual(one.CodeDigest, two.CodeDigest);
    }

    [Fact]
    public void A_code_is_live_for_ten_minutes_and_dead_after_five_wrong_tries_or_its_use()
    {
        var kept = SignInCodes.Keep(Ada, "123456", T0);

        Assert.Equal(SignInCodeState.Live, SignInCodes.StateAt(kept, T0 + TimeSpan.FromMinutes(9.99)));
        Assert.Equal(SignInCodeState.Expired, SignInCodes.StateAt(kept, T0 + TimeSpan.FromMinutes(10)));
        Assert.Equal(SignInCodeState.Live, SignInCodes.StateAt(kept with { WrongTries = 4 }, T0));
        Assert.Equal(SignInCodeState.Dead, SignInCodes.StateAt(kept with { WrongTries = 5 }, T0));
        var used = kept with { CodeDigest = "" };
        Assert.Equal(SignInCodeState.Dead, SignInCodes.StateAt(used, T0));
        Assert.False(SignInCodes.Matches(used, "123456"));
    }

    [Fact]
    public void The_identifier_digest_tells_kinds_apart_and_is_stable()
    {
        Assert.Equal(Ada, IdentifierDigest.Of(MemberIdentifier.Email("ada@example.org")));
        Assert.NotEqual(IdentifierDigest.Of(MemberIdentifier.Phone("+447911123456")), IdentifierDigest.Of(MemberIdentifier.Card("+447911123456")));
        Assert.Matches("^[0-9a-f]{64}$", Ada);
    }

    [Fact]
    public void A_request_window_is_over_once_it_is_as_old_as_the_window()
    {
        Assert.Equal(T0 - SignInLimits.Window, SignInLimits.WindowOverIfStartedBy(T0, SignInLimits.Window));
        Assert.Equal(3, SignInLimits.CodesPerWindow);
    }
}
