using System.Net;
using System.Net.Http.Json;
using Loyalty.Domain.Identity;

namespace Loyalty.Server.Tests.SignIn;

/// <summary>With self sign-up off, nobody can tell from the answers whether an address belongs to a member.</summary>
public sealed class NoSignUpTests(NoSignUpFixture engine) : IClassFixture<NoSignUpFixture>
{
    [Fact]
    public async Task An_unknown_address_gets_the_same_answers_as_a_member_and_no_mail()
    {
        var memberId = Api.NewMemberId();
        var known = SignInCalls.NewEmail("known");
        var unknown = SignInCalls.NewEmail("unknown");
        (await engine.Host.Till().PutAsJsonAsync($"/api/members/{memberId}", new { name = "Known" })).EnsureSuccessStatusCode();
        Assert.True(await engine.Identifiers.TryClaimAsync(MemberIdentifier.Email(known), memberId));
        var client = engine.Host.Client(null);

        Assert.Equal(HttpStatusCode.Accepted, (await client.RequestCode(new { email = unknown })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.RequestCode(new { email = known })).StatusCode);
        var code = (await engine.Smtp.WaitForMailAsync(known)).SignInCode;
        Assert.Empty(engine.Smtp.MailsTo(unknown));

        var wrong = code == "123456" ? "654321" : "123456";
        var knownRefusal = await client.Tokens(new { email = known, code = wrong });
        var unknownRefusal = await client.Tokens(new { email = unknown, code = wrong });
        Assert.Equal(await knownRefusal.ProblemShape(), await unknownRefusal.ProblemShape());
        Assert.Contains("urn:loyalty:problem:invalid-code", await unknownRefusal.ProblemShape());

        var signedIn = await (await client.Tokens(new { email = known, code })).Json();
        Assert.Equal(memberId, signedIn["memberId"]!.GetValue<string>());
        Assert.Null(await engine.Identifiers.FindMemberAsync(MemberIdentifier.Email(unknown)));
    }
}

/// <summary>An engine without mail starts, and says so when a code is asked for, the same for every address.</summary>
public sealed class NoMailTests(NoMailFixture engine) : IClassFixture<NoMailFixture>
{
    [Fact]
    public async Task Codes_by_mail_or_phone_are_refused_with_503_and_the_address_limit_holds()
    {
        var client = engine.Host.Client(null);

        var byMail = await client.RequestCode(new { email = SignInCalls.NewEmail() });
        var byOtherMail = await client.RequestCode(new { email = SignInCalls.NewEmail("other") });
        var byPhone = await client.RequestCode(new { phone = "07911 123456" });

        Assert.Equal("urn:loyalty:problem:mail-not-configured", (await byMail.Json(HttpStatusCode.ServiceUnavailable))["type"]!.GetValue<string>());
        Assert.Equal(await byMail.ProblemShape(), await byOtherMail.ProblemShape());
        Assert.Equal("urn:loyalty:problem:sms-not-configured", (await byPhone.Json(HttpStatusCode.ServiceUnavailable))["type"]!.GetValue<string>());

        // The address has made three requests; the fourth is its last in this window.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.RequestCode(new { email = SignInCalls.NewEmail() })).StatusCode);
        var over = await client.RequestCode(new { email = SignInCalls.NewEmail() });
        Assert.Equal("urn:loyalty:problem:rate-limited", (await over.Json(HttpStatusCode.TooManyRequests))["type"]!.GetValue<string>());
        Assert.True(over.Headers.RetryAfter is not null);
        Assert.Empty(engine.Smtp.Mails);
    }
}
