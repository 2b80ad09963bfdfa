using System.Text;
using Loyalty.FaultTests.Access;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Loyalty.FaultTests.Tests;

public sealed class MemberTokensTests
{
    private const string Key = "a-signing-key-for-the-fault-tests-tests";
    private static readonly MemberTokens Tokens = new("loyalty-test", "loyalty", Key);

    private static Task<TokenValidationResult> Validate(string token) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "loyalty-test",
            ValidAudience = "loyalty",
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)),
            ClockSkew = TimeSpan.FromMinutes(1),
        });

    [Fact]
    public async Task A_members_token_validates_and_names_the_member_as_its_subject()
    {
        var result = await Validate(Tokens.For("M-1"));

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("M-1", result.Claims["sub"]);
    }

    [Fact]
    public async Task A_token_claiming_the_till_role_is_validly_signed_and_carries_the_claim()
    {
        var result = await Validate(Tokens.ClaimingTillRole("M-1"));

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("till", result.Claims["role"]);
    }

    [Fact]
    public async Task Spoiled_tokens_do_not_validate()
    {
        Assert.False((await Validate(Tokens.Expired("M-1"))).IsValid);
        Assert.False((await Validate(Tokens.WrongSignature("M-1"))).IsValid);
        Assert.False((await Validate(Tokens.WrongIssuer("M-1"))).IsValid);
        Assert.False((await Validate(Tokens.Unsigned("M-1"))).IsValid);
        Assert.False((await Validate(MemberTokens.Malformed)).IsValid);
    }
}
