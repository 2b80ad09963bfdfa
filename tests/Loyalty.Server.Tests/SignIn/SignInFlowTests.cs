using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Loyalty.Domain.Identity;

namespace Loyalty.Server.Tests.SignIn;

/// <summary>Members sign in with a code sent by mail, in the Production environment with no token configuration: SQLite.</summary>
public sealed class SqliteSignInFlowTests(SignInFixture engine) : SignInFlowTests<SignInFixture>(engine), IClassFixture<SignInFixture>;

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgreSqlSignInFlowTests(PostgreSqlSignInFixture engine)
    : SignInFlowTests<PostgreSqlSignInFixture>(engine), IClassFixture<PostgreSqlSignInFixture>;

public abstract class SignInFlowTests<TFixture>(TFixture engine) where TFixture : SignInFixture
{
    [Fact]
    public async Task A_new_customer_signs_up_with_the_code_from_the_mail_reads_their_account_refreshes_and_signs_out()
    {
        var email = SignInCalls.NewEmail();
        var asked = await engine.Host.Client(null).RequestCode(new { email = "  " + email.ToUpperInvariant() + " " });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var mail = await engine.Smtp.WaitForMailAsync(email);
        Assert.Equal("loyalty@example.org", mail.From);
        Assert.Contains("valid for 10 minutes", mail.Message);

        var signedIn = await (await engine.Host.Client(null).Tokens(new { email, code = mail.SignInCode, name = "Ada Lovelace" })).Json();
        var memberId = signedIn["memberId"]!.GetValue<string>();
        Assert.True(signedIn["created"]!.GetValue<bool>());
        Assert.Matches("^m-[a-z2-7]{16}$", memberId);
        Assert.Equal(memberId, await engine.Identifiers.FindMemberAsync(MemberIdentifier.Email(email)));
        var expiresAt = signedIn["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.5));

        var member = engine.Member(signedIn["accessToken"]!.GetValue<string>());
        var account = await (await member.GetAsync($"/api/members/{memberId}")).Json();
        Assert.Equal("Ada Lovelace", account["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/members/{Api.NewMemberId()}")).StatusCode);

        var first = signedIn["refreshToken"]!.GetValue<string>();
        var refreshed = await (await engine.Host.Client(null).Refresh(first)).Json();
        Assert.Equal(memberId, refreshed["memberId"]!.GetValue<string>());
        Assert.False(refreshed["created"]!.GetValue<bool>());
        Assert.NotEqual(first, refreshed["refreshToken"]!.GetValue<string>());
        var again = engine.Member(refreshed["accessToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/api/members/{memberId}")).StatusCode);

        // The spent token presented again: refused, and the family with it, so the newer token is dead too.
        var reuse = await engine.Host.Client(null).Refresh(first);
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Equal("urn:loyalty:problem:unauthorized", (await reuse.Json(HttpStatusCode.Unauthorized))["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).Refresh(refreshed["refreshToken"]!.GetValue<string>())).StatusCode);

        // A new sign-in of the same address: the same member, not created again; sign-out ends it.
        var second = await engine.SignInAsync(email);
        Assert.Equal(memberId, second["memberId"]!.GetValue<string>());
        Assert.False(second["created"]!.GetValue<bool>());
        var signOut = await engine.Member(second["accessToken"]!.GetValue<string>()).PostAsync("/api/auth/sign-out", null);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).Refresh(second["refreshToken"]!.GetValue<string>())).StatusCode);
    }

    [Fact]
    public async Task A_member_whose_address_is_known_signs_in_to_their_own_account()
    {
        var memberId = Api.NewMemberId();
        var email = SignInCalls.NewEmail("grace");
        (await engine.Host.Till().PutAsJsonAsync($"/api/members/{memberId}", new { name = "Grace" })).EnsureSuccessStatusCode();
        Assert.True(await engine.Identifiers.TryClaimAsync(MemberIdentifier.Email(email), memberId));

        var signedIn = await engine.SignInAsync(email, name: "Somebody else");

        Assert.Equal(memberId, signedIn["memberId"]!.GetValue<string>());
        Assert.False(signedIn["created"]!.GetValue<bool>());
        var account = await (await engine.Member(signedIn["accessToken"]!.GetValue<string>()).GetAsync($"/api/members/{memberId}")).Json();
        Assert.Equal("Grace", account["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_name_the_new_member_is_named_after_their_address()
    {
        var email = SignInCalls.NewEmail("linus");
        var signedIn = await engine.SignInAsync(email);
        var memberId = signedIn["memberId"]!.GetValue<string>();
        var account = await (await engine.Member(signedIn["accessToken"]!.GetValue<string>()).GetAsync($"/api/members/{memberId}")).Json();
        Assert.Equal(email.Split('@')[0], account["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_code_replaces_the_previous_one_and_a_code_works_once()
    {
        var email = SignInCalls.NewEmail();
        var old = await engine.CodeByMailAsync(email, 1);
        var current = await engine.CodeByMailAsync(email, 2);
        var client = engine.Host.Client(null);

        if (old != current)
            Assert.Equal("urn:loyalty:problem:invalid-code", (await (await client.Tokens(new { email, code = old })).Json(HttpStatusCode.BadRequest))["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.Tokens(new { email, code = current })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Tokens(new { email, code = current })).StatusCode);
    }

    [Fact]
    public async Task The_right_code_sent_four_times_at_once_signs_in_once_and_enrols_one_member()
    {
        var email = SignInCalls.NewEmail();
        var code = await engine.CodeByMailAsync(email);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => engine.Host.Client(null).Tokens(new { email, code })));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Json();
        Assert.Equal(winner["memberId"]!.GetValue<string>(), await engine.Identifiers.FindMemberAsync(MemberIdentifier.Email(email)));
    }

    [Fact]
    public async Task Five_wrong_codes_kill_the_code()
    {
        var email = SignInCalls.NewEmail();
        var code = await engine.CodeByMailAsync(email);
        var wrong = code == "000000" ? "000001" : "000000";
        var client = engine.Host.Client(null);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await client.Tokens(new { email, code = wrong })).StatusCode);

        var right = await client.Tokens(new { email, code });
        Assert.Equal("urn:loyalty:problem:invalid-code", (await right.Json(HttpStatusCode.BadRequest))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_right_code_after_four_wrong_ones_still_works()
    {
        var email = SignInCalls.NewEmail();
        var code = await engine.CodeByMailAsync(email);
        var wrong = code == "999999" ? "999998" : "999999";
        var client = engine.Host.Client(null);
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await client.Tokens(new { email, code = wrong })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Tokens(new { email, code })).StatusCode);
    }

    [Fact]
    public async Task A_code_is_dead_ten_minutes_after_it_was_sent()
    {
        var email = SignInCalls.NewEmail();
        var code = await engine.CodeByMailAsync(email);
        engine.Time.Advance(TimeSpan.FromMinutes(10));

        var late = await engine.Host.Client(null).Tokens(new { email, code });

        Assert.Equal("urn:loyalty:problem:invalid-code", (await late.Json(HttpStatusCode.BadRequest))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_refreshes_with_the_same_token_at_once_cannot_both_win()
    {
        var signedIn = await engine.SignInAsync(SignInCalls.NewEmail());
        var token = signedIn["refreshToken"]!.GetValue<string>();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => engine.Host.Client(null).Refresh(token)));

        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) <= 1, string.Join(", ", answers.Select(a => a.StatusCode)));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized, a.StatusCode.ToString()));
    }

    [Fact]
    public async Task An_identifier_gets_three_codes_per_ten_minutes_then_429_and_again_after_the_window()
    {
        var email = SignInCalls.NewEmail();
        var client = engine.Host.Client(null);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await client.RequestCode(new { email })).StatusCode);

        var fourth = await client.RequestCode(new { email });

        Assert.Equal("urn:loyalty:problem:rate-limited", (await fourth.Json(HttpStatusCode.TooManyRequests))["type"]!.GetValue<string>());
        await engine.Smtp.WaitForMailAsync(email, 3);
        engine.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Accepted, (await client.RequestCode(new { email })).StatusCode);
        await engine.Smtp.WaitForMailAsync(email, 4);
    }

    [Theory]
    [InlineData("""{"email":"not-an-address"}""", "email")]
    [InlineData("""{"phone":"12"}""", "phone")]
    [InlineData("""{"email":"a@example.org","phone":"+447700900123"}""", "phone")]
    [InlineData("""{}""", "email")]
    public async Task A_malformed_identifier_is_a_400_naming_the_field(string body, string field)
    {
        var answer = await engine.Host.Client(null).Send(HttpMethod.Post, "/api/auth/codes", body);
        var problem = await answer.Json(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Theory]
    [InlineData("""{"email":"a@example.org","code":"12345"}""", "code")]
    [InlineData("""{"email":"a@example.org","code":"12a456"}""", "code")]
    [InlineData("""{"email":"a@example.org"}""", "code")]
    [InlineData("""{"email":"a@example.org","code":"123456","name":" Ada"}""", "name")]
    [InlineData("""{"code":"123456"}""", "email")]
    public async Task A_malformed_token_request_is_a_400_naming_the_field(string body, string field)
    {
        var answer = await engine.Host.Client(null).Send(HttpMethod.Post, "/api/auth/tokens", body);
        var problem = await answer.Json(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task A_made_up_refresh_token_is_refused_and_sign_out_needs_a_member()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).Refresh(new string('A', 43))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).Refresh("short")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await engine.Host.Client(null).PostAsync("/api/auth/sign-out", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await engine.Host.Till().PostAsync("/api/auth/sign-out", null)).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_before_a_restart_is_accepted_after_it_as_the_key_is_kept_in_the_database()
    {
        var signedIn = await engine.SignInAsync(SignInCalls.NewEmail());
        var memberId = signedIn["memberId"]!.GetValue<string>();

        await engine.RestartAsync();

        var account = await engine.Member(signedIn["accessToken"]!.GetValue<string>()).GetAsync($"/api/members/{memberId}");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await engine.Host.Client(null).Refresh(signedIn["refreshToken"]!.GetValue<string>())).StatusCode);
    }
}
