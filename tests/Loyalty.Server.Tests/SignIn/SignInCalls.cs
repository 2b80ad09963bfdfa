using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Loyalty.Server.Tests.SignIn;

/// <summary>The sign-in calls as the member app makes them, and the mails they bring.</summary>
internal static class SignInCalls
{
    public static string NewEmail(string name = "ada") => $"{name}.{Guid.NewGuid():N}@example.org";

    public static Task<HttpResponseMessage> RequestCode(this HttpClient client, object body) => client.PostAsJsonAsync("/api/auth/codes", body);

    public static Task<HttpResponseMessage> Tokens(this HttpClient client, object body) => client.PostAsJsonAsync("/api/auth/tokens", body);

    public static Task<HttpResponseMessage> Refresh(this HttpClient client, string refreshToken) =>
        client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    /// <summary>Asks for a code for <paramref name="email"/> (202) and reads it from the <paramref name="count"/>-th mail.</summary>
    public static async Task<string> CodeByMailAsync(this SignInFixture engine, string email, int count = 1)
    {
        var asked = await engine.Host.Client(null).RequestCode(new { email });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        return (await engine.Smtp.WaitForMailAsync(email, count)).SignInCode;
    }

    /// <summary>The whole sign-in: a code by mail, then the tokens (200).</summary>
    public static async Task<JsonNode> SignInAsync(this SignInFixture engine, string email, string? name = null)
    {
        var code = await engine.CodeByMailAsync(email, engine.Smtp.MailsTo(email).Count + 1);
        return await (await engine.Host.Client(null).Tokens(new { email, code, name })).Json();
    }

    /// <summary>A client that calls as the member of <paramref name="accessToken"/>.</summary>
    public static HttpClient Member(this SignInFixture engine, string accessToken)
    {
        var client = engine.Host.Client(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A problem's type, title, status and detail: what must not differ between two refusals.</summary>
    public static async Task<string> ProblemShape(this HttpResponseMessage response)
    {
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return $"{(int)response.StatusCode} {problem["type"]} {problem["title"]} {problem["detail"]}";
    }
}
