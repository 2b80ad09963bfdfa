using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Loyalty.Server.Tests;

/// <summary>
/// A node told to stop (as on SIGTERM) finishes the calls under way before it exits, and loses nothing it
/// acknowledged: the real engine on Kestrel and a SQLite file, stopped while tills keep selling.
/// </summary>
public sealed class ShutdownTests(ITestOutputHelper output) : IDisposable
{
    private const int Members = 8;
    private const int TillsPerMember = 4;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-shutdown-tests-" + Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Storage => new()
    {
        ["Provider"] = "Sqlite",
        ["ConnectionString"] = $"Data Source={Path.Combine(_folder, "loyalty.db")}",
    };

    private sealed record Sale(string MemberId, string TransactionId, long Points);

    [Fact]
    public async Task Purchases_under_way_when_the_node_stops_are_answered_and_every_acknowledged_one_is_kept()
    {
        var members = Enumerable.Range(0, Members).Select(_ => Api.NewMemberId()).ToArray();
        var acknowledged = new ConcurrentBag<Sale>();
        var serverErrors = new ConcurrentBag<string>();
        var answeredWhileStopping = 0;
        var stopping = 0;

        await using (var node = new EngineHost(Storage))
        {
            var till = node.Till();
            foreach (var id in members)
                await till.Enrol(id);

            async Task SellAsync(string memberId, int tillNumber)
            {
                for (var sale = 0; ; sale++)
                {
                    var transactionId = $"T-{tillNumber}-{sale}";
                    var sentBeforeStop = Volatile.Read(ref stopping) == 0;
                    HttpResponseMessage response;
                    try
                    {
                        response = await till.Purchase(memberId, Api.Sale(transactionId, "X", "food", 1, 10m));
                    }
                    catch (HttpRequestException)
                    {
                        return; // the node no longer takes requests: a till would retry elsewhere with the same id
                    }
                    if ((int)response.StatusCode >= 500)
                    {
                        serverErrors.Add($"{memberId} {transactionId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        return;
                    }
                    if (response.StatusCode != HttpStatusCode.OK)
                        return;
                    var outcome = await response.Json();
                    acknowledged.Add(new Sale(memberId, transactionId, (long)outcome["pointsEarned"]!));
                    if (sentBeforeStop && Volatile.Read(ref stopping) == 1)
                        Interlocked.Increment(ref answeredWhileStopping);
                }
            }

            var tills = members.SelectMany(id => Enumerable.Range(0, TillsPerMember).Select(n => SellAsync(id, n))).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 100 && DateTime.UtcNow < deadline)
                await Task.Delay(10);

            Volatile.Write(ref stopping, 1);
            await node.RunningHost.StopAsync();
            await Task.WhenAll(tills).WaitAsync(TimeSpan.FromSeconds(60));
        }

        output.WriteLine($"{acknowledged.Count} purchases acknowledged, {answeredWhileStopping} of them answered while the node was stopping");
        Assert.Empty(serverErrors);
        Assert.True(answeredWhileStopping > 0, "No purchase was under way when the node began to stop.");

        // The stopped node's grains copied their ledger outbox as they were deactivated: the table has every sale.
        var ledgerRows = await LedgerTransactionsAsync();
        Assert.All(acknowledged, s => Assert.Contains((s.MemberId, s.TransactionId), ledgerRows));

        await using var restarted = new EngineHost(Storage);
        var reader = restarted.Till();
        foreach (var id in members)
        {
            var mine = acknowledged.Where(s => s.MemberId == id).ToList();
            var purchases = (await WholeLedgerAsync(reader, id)).Where(e => (string)e["kind"]! == "purchase").ToList();
            var stored = purchases.Select(e => (string)e!["transactionId"]!).ToHashSet();
            Assert.All(mine, s => Assert.Contains(s.TransactionId, stored));
            Assert.Equal(purchases.Sum(e => (long)e["points"]!), (long)(await reader.Account(id))["points"]!);
            Assert.True(mine.Sum(s => s.Points) <= (long)(await reader.Account(id))["points"]!);
        }
    }

    /// <summary>The purchases in the ledger table, read from the database file itself.</summary>
    private async Task<HashSet<(string MemberId, string TransactionId)>> LedgerTransactionsAsync()
    {
        var rows = new HashSet<(string, string)>();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "loyalty.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT member_id, transaction_id FROM loyalty_ledger WHERE kind = 'purchase'";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private static async Task<List<System.Text.Json.Nodes.JsonNode>> WholeLedgerAsync(HttpClient client, string memberId)
    {
        var entries = new List<System.Text.Json.Nodes.JsonNode>();
        string? before = null;
        do
        {
            var page = await (await client.GetAsync($"/api/members/{memberId}/activity?limit=200{before}")).Json();
            entries.AddRange(page["entries"]!.AsArray().Select(e => e!));
            before = page["nextBefore"] is { } next ? $"&before={(long)next}" : null;
        }
        while (before is not null);
        return entries;
    }

    [Fact]
    public void The_configured_shutdown_timeout_is_the_hosts()
    {
        using var node = new EngineHost(Storage, new Dictionary<string, string> { ["Loyalty:ShutdownTimeout"] = "00:00:45" });
        Assert.Equal(TimeSpan.FromSeconds(45), node.RunningHost.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void The_shutdown_timeout_is_30_seconds_by_default()
    {
        using var node = new EngineHost(Storage);
        Assert.Equal(TimeSpan.FromSeconds(30), node.RunningHost.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
