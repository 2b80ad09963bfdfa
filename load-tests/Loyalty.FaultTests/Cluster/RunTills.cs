using System.Net;
using Loyalty.FaultTests.Endpoints;

namespace Loyalty.FaultTests.Cluster;

/// <summary>Tills enrolled for a run, known to every node before the run uses them, and revoked afterwards.</summary>
internal static class RunTills
{
    /// <summary>Enrols a till through <paramref name="node"/> and waits (at most 10 s) until every node accepts its key.</summary>
    public static async Task<(string TillId, string Key)> Enrol(EngineNodes nodes, int node, Credential operations, CancellationToken cancellation)
    {
        var created = await nodes.Json(node, "POST", "/api/tills", TillEndpoints.TillBody(), operations, cancellation);
        var (tillId, key) = ((string)created["tillId"]!, (string)created["key"]!);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        for (var n = 0; n < nodes.Count; n++)
        {
            // Any call the key may make: an unknown member is 404 once the node knows the key, 401 before.
            while (true)
            {
                using var response = await nodes.Send(n, "GET", "/api/members/fault-test-no-such-member", null, null,
                    new Credential("enrolled till", ApiKey: key), cancellation);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                    break;
                if (DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"Node {n + 1} did not accept the key of till {tillId} within 10 s.");
                await Task.Delay(100, cancellation);
            }
        }
        return (tillId, key);
    }

    /// <summary>Revokes the tills (revoking is idempotent); the number revoked.</summary>
    public static async Task<int> Revoke(EngineNodes nodes, IEnumerable<string> tillIds, Credential operations, CancellationToken cancellation)
    {
        var revoked = 0;
        foreach (var id in tillIds.Distinct())
        {
            using var response = await nodes.Send(revoked, "DELETE", $"/api/tills/{id}", null, null, operations, cancellation);
            if (response.StatusCode == HttpStatusCode.NoContent)
                revoked++;
        }
        return revoked;
    }
}
