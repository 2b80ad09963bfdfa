using System.Net;
using Loyalty.Grains;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace Loyalty.Server.Tests;

/// <summary>Two engine nodes clustered through PostgreSQL: one cluster, each member's grain once, events across nodes.</summary>
public sealed class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Both_nodes_see_each_other_as_active_members()
    {
        var nodes = new[] { Silo(cluster.Node1), Silo(cluster.Node2) };
        Assert.NotEqual(nodes[0], nodes[1]);

        foreach (var host in new[] { cluster.Node1, cluster.Node2 })
        {
            var membership = host.Services.GetRequiredService<IClusterMembershipService>();
            await Watcher.Until(() => ActiveMembers(membership).SetEquals(nodes));
        }

        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM loyalty_cluster_node WHERE cluster_id = @cluster AND status = 3", connection);
        command.Parameters.AddWithValue("cluster", cluster.ClusterId);
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Purchases_through_both_nodes_each_count_exactly_once()
    {
        var (one, two) = (cluster.Node1.Till(), cluster.Node2.Till());
        var id = Api.NewMemberId();
        await (await one.Enrol(id)).Json(HttpStatusCode.Created);
        var sales = Enumerable.Range(1, 40).Select(i => (Node: i % 2 == 0 ? one : two, Other: i % 2 == 0 ? two : one,
            Sale: Api.Sale($"T-{i}", "BREAD", "bakery", 1, 5.00m))).ToArray();

        await Parallel.ForEachAsync(sales, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (s, _) => Assert.False((bool)(await (await s.Node.Purchase(id, s.Sale)).Json())["duplicate"]!));
        await Parallel.ForEachAsync(sales, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (s, _) => Assert.True((bool)(await (await s.Other.Purchase(id, s.Sale)).Json())["duplicate"]!));

        foreach (var node in new[] { one, two })
        {
            Assert.Equal(40 * 5, (int)(await node.Account(id))["points"]!);
            var purchases = (await node.Activity(id)).Where(e => (string)e!["kind"]! == "purchase").ToArray();
            Assert.Equal(40, purchases.Length);
            Assert.Equal(40, purchases.Select(e => (string)e!["transactionId"]!).Distinct().Count());
        }
    }

    [Fact]
    public async Task A_watcher_on_one_node_receives_a_purchase_made_through_the_node_that_hosts_the_grain()
    {
        var id = Api.NewMemberId();
        await (await cluster.Node1.Till().Enrol(id)).Json(HttpStatusCode.Created);
        var host = await ActivationSiloAsync(cluster.Node1, id);
        var (grainNode, watchingNode) = Silo(cluster.Node1).Equals(host) ? (cluster.Node1, cluster.Node2) : (cluster.Node2, cluster.Node1);
        Assert.Equal(Silo(grainNode), host);
        await using var watcher = Watcher.Create(watchingNode, apiKey: EngineHost.TillKey);
        await watcher.StartAsync();
        var start = (await watcher.WatchAsync(id)).LedgerSequence;

        await (await grainNode.Till().Purchase(id, Api.Sale("T-1", "LATTE", "coffee", 2, 3.20m))).Json();
        await Watcher.Until(() => !watcher.Balances.IsEmpty);

        var balance = Assert.Single(watcher.Balances);
        Assert.Equal(("purchase", "T-1", 6L, 6L, start + 1), (balance.Reason, balance.TransactionId, balance.Delta, balance.Balance, balance.Sequence));
        Assert.Equal(host, await ActivationSiloAsync(watchingNode, id)); // it did not move to its watcher's node
    }

    [Fact]
    public async Task Reminders_are_kept_in_the_cluster_database_through_the_Orleans_reminder_table()
    {
        var reminders = cluster.Node1.Services.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("loyalty-test", Guid.NewGuid().ToString("N"));
        var hash = grain.GetUniformHashCode();
        var startAt = new DateTime(2026, 11, 20, 10, 15, 0, DateTimeKind.Utc);

        var first = await reminders.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "expiry", StartAt = startAt, Period = TimeSpan.FromMinutes(5) });
        var etag = await reminders.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "expiry", StartAt = startAt, Period = TimeSpan.FromDays(40) });
        Assert.NotNull(first);
        Assert.NotNull(etag);
        Assert.NotEqual(first, etag);

        var read = await reminders.ReadRow(grain, "expiry");
        Assert.NotNull(read);
        Assert.Equal((grain, startAt, TimeSpan.FromDays(40), etag), (read.GrainId, read.StartAt.ToUniversalTime(), read.Period, read.ETag));
        Assert.Single((await reminders.ReadRows(grain)).Reminders);
        Assert.Contains((await reminders.ReadRows(hash - 1, hash)).Reminders, r => r.GrainId == grain);   // a range holding its hash
        Assert.DoesNotContain((await reminders.ReadRows(hash, hash - 1)).Reminders, r => r.GrainId == grain); // the rest of the ring

        Assert.False(await reminders.RemoveRow(grain, "expiry", first));  // an old version removes nothing
        Assert.True(await reminders.RemoveRow(grain, "expiry", etag));
        Assert.Empty((await reminders.ReadRows(grain)).Reminders);
    }

    private static async Task<SiloAddress?> ActivationSiloAsync(EngineHost node, string memberId)
    {
        var grains = node.Services.GetRequiredService<IGrainFactory>();
        return await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IMemberGrain>(memberId));
    }

    private static SiloAddress Silo(EngineHost node) => node.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    private static HashSet<SiloAddress> ActiveMembers(IClusterMembershipService membership) =>
        membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToHashSet();
}
