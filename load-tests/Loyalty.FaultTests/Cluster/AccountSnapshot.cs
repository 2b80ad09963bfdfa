using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Cluster;

/// <summary>A member's account as the engine shows it (points, tier, profile, ledger sequence, ...) at one moment.</summary>
/// <param name="AccountJson">The account document, as the engine wrote it.</param>
/// <param name="Name">The profile's name.</param>
/// <param name="LedgerSequence">The sequence of the newest ledger entry.</param>
internal sealed record AccountSnapshot(string AccountJson, string? Name, long LedgerSequence)
{
    public static async Task<AccountSnapshot> Take(EngineNodes nodes, int node, string memberId, Credential staff, CancellationToken cancellation)
    {
        var account = await nodes.Json(node, "GET", $"/api/members/{memberId}", null, staff, cancellation);
        var page = await nodes.Json(node, "GET", $"/api/members/{memberId}/activity?limit=1", null, staff, cancellation);
        var newest = page["entries"]!.AsArray().FirstOrDefault();
        return new AccountSnapshot(account.ToJsonString(), (string?)account["name"], newest is null ? 0 : (long)newest["sequence"]!);
    }

    /// <summary>The ledger entries after <paramref name="afterSequence"/>, newest first: (sequence, kind, transaction id).</summary>
    public static async Task<IReadOnlyList<(long Sequence, string Kind, string? TransactionId)>> EntriesAfter(
        EngineNodes nodes, int node, string memberId, long afterSequence, Credential staff, CancellationToken cancellation)
    {
        var entries = new List<(long, string, string?)>();
        long? before = null;
        while (true)
        {
            var query = before is null ? "limit=200" : $"limit=200&before={before}";
            var page = await nodes.Json(node, "GET", $"/api/members/{memberId}/activity?{query}", null, staff, cancellation);
            foreach (var entry in page["entries"]!.AsArray())
            {
                var sequence = (long)entry!["sequence"]!;
                if (sequence <= afterSequence)
                    return entries;
                entries.Add((sequence, (string)entry["kind"]!, (string?)entry["transactionId"]));
            }
            before = (long?)page["nextBefore"];
            if (before is null)
                return entries;
        }
    }
}
