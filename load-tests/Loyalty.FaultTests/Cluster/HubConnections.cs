using Microsoft.AspNetCore.SignalR.Client;

namespace Loyalty.FaultTests.Cluster;

/// <summary>Connections to the hub at <c>/hubs/loyalty</c> of a node, with a credential as the access token.</summary>
internal static class HubConnections
{
    public const string Path = "/hubs/loyalty";

    public static HubConnection Build(Uri node, Credential credential) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(node, Path), o =>
            {
                if (credential.SecondApiKey is not null)
                    o.Headers["X-Api-Key"] = $"{credential.ApiKey}, {credential.SecondApiKey}"; // one header cannot hold two keys
                else if (credential.HubAccessToken is { } token)
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
}
