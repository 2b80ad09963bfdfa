using System.Net.Http.Headers;

namespace Loyalty.FaultTests.Cluster;

/// <summary>What a caller presents: an API key, a bearer token, or nothing.</summary>
/// <param name="Name">How the matrix names it, e.g. <c>till key</c>.</param>
/// <param name="ApiKey">Sent as <c>X-Api-Key</c>.</param>
/// <param name="BearerToken">Sent as <c>Authorization: Bearer</c>.</param>
/// <param name="SecondApiKey">Sent as a second <c>X-Api-Key</c> header (over HTTP only).</param>
internal sealed record Credential(string Name, string? ApiKey = null, string? BearerToken = null, string? SecondApiKey = null)
{
    public static readonly Credential None = new("no credentials");

    public void ApplyTo(HttpRequestMessage request)
    {
        if (ApiKey is not null)
            request.Headers.TryAddWithoutValidation("X-Api-Key", ApiKey);
        if (SecondApiKey is not null)
            request.Headers.TryAddWithoutValidation("X-Api-Key", SecondApiKey);
        if (BearerToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
    }

    /// <summary>What a SignalR client passes as its access token: the member's token, or a till's key.</summary>
    public string? HubAccessToken => BearerToken ?? ApiKey;
}
