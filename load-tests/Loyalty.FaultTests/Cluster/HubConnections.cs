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
                if (credential.HubAccessToken is { } token)
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
}
