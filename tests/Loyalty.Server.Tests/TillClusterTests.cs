using System.Net;
using Xunit.Abstractions;

namespace Loyalty.Server.Tests;

/// <summary>Two engine nodes on one PostgreSQL database: a till enrolled or revoked on one is known on the other within 5 s.</summary>
public sealed class TillClusterTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_till_revoked_on_node_1_is_refused_on_node_2_within_5_seconds()
    {
        var (tillId, key) = await cluster.Node1.EnrolTill("Counter 3", "S-03");
        var token = (string)(await cluster.Node1.StartSession(key))["token"]!;
        await UntilAccepted(cluster.Node2, key);
        await UntilAccepted(cluster.Node2, token);
        var id = Api.NewMemberId();
        (await cluster.Node2.Client(key).Enrol(id)).EnsureSuccessStatusCode();
        await (await cluster.Node2.Client(key).Purchase(id, Api.Sale("T-1", "LATTE", "coffee", 1, 3.50m))).Json();
        Assert.Equal(tillId, (string?)Assert.Single(await cluster.Node1.Till().Activity(id), e => (string?)e!["kind"] == "purchase")!["tillId"]);

        Assert.Equal(HttpStatusCode.NoContent, await cluster.Node1.Revoke(tillId));
        var keyRefused = await cluster.Node2.UntilRefused(key, TimeSpan.FromSeconds(5));
        await cluster.Node2.UntilRefused(token, TimeSpan.FromSeconds(5) - keyRefused);
        output.WriteLine($"The revoked key was refused on node 2 {keyRefused.TotalMilliseconds:0} ms after the revocation on node 1.");
        Assert.Equal(HttpStatusCode.Unauthorized, await cluster.Node1.SignInStatus(key));
        Assert.Equal(HttpStatusCode.NotFound, await cluster.Node2.SignInStatus(EngineHost.TillKey)); // a configured key still works
    }

    /// <summary>A new credential reaches the other node within its refresh interval.</summary>
    private static async Task UntilAccepted(EngineHost node, string credential)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (await node.SignInStatus(credential) != HttpStatusCode.NotFound)
        {
            Assert.True(DateTime.UtcNow < deadline, "The other node did not accept the new credential within 5 s.");
            await Task.Delay(50);
        }
    }
}
