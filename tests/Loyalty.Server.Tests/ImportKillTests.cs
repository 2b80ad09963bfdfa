using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Loyalty.Server.Tests.BackOffice;

namespace Loyalty.Server.Tests;

/// <summary>
/// An import whose engine process is killed (SIGKILL) half-way, then sent again to the engine started anew on the same
/// SQLite file, leaves exactly the accounts, ledgers and insights of one clean run of the same files on another engine.
/// </summary>
public sealed class ImportKillTests : IDisposable
{
    private const int Members = 80;
    private const int SalesPerMember = 12;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-import-kill-" + Guid.NewGuid().ToString("N"));
    /// <summary>Small chunks, one call at a time: the import runs long enough to be killed in the middle.</summary>
    private static readonly (string, string)[] Slow = [("Loyalty:Import:ChunkLines", "20"), ("Loyalty:Import:MaxCallsInFlight", "1")];

    public ImportKillTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task An_import_killed_half_way_and_sent_again_ends_as_one_clean_run()
    {
        var (members, sales) = Files(DateTimeOffset.UtcNow);

        JsonNode clean;
        await using (var engine = await EngineProcess.StartAsync(Path.Combine(_folder, "clean.db"), Slow))
        {
            var operations = engine.Client("dev-operations-key");
            Assert.Equal("done", (string?)(await operations.ImportAndWait("members", members, Imports.NdjsonType))["state"]);
            var imported = await operations.ImportAndWait("sales", sales, Imports.NdjsonType);
            Assert.True((long)imported["accepted"]! == Members * SalesPerMember, imported.ToJsonString());
            clean = await SnapshotAsync(engine);
        }

        var database = Path.Combine(_folder, "killed.db");
        await using (var doomed = await EngineProcess.StartAsync(database, Slow))
        {
            var operations = doomed.Client("dev-operations-key");
            await operations.ImportAndWait("members", members, Imports.NdjsonType);
            var started = await (await operations.PostAsync("/api/imports/sales", new StringContent(sales, Encoding.UTF8, Imports.NdjsonType)))
                .Json(HttpStatusCode.Accepted);
            var status = await WaitForAsync(operations, (string)started["importId"]!, s => (long)s["linesRead"]! >= Members * SalesPerMember / 3);
            Assert.Equal("running", (string?)status["state"]); // killed in the middle, not after the end
            await doomed.KillAsync();
        }

        await using var restarted = await EngineProcess.StartAsync(database, Slow);
        var again = await restarted.Client("dev-operations-key").ImportAndWait("sales", sales, Imports.NdjsonType);
        Assert.Equal("done", (string?)again["state"]);
        Assert.True((long)again["skipped"]! > 0, again.ToJsonString());
        Assert.Equal(Members * SalesPerMember, (long)again["accepted"]! + (long)again["skipped"]!);
        Assert.Equal(clean.ToJsonString(), (await SnapshotAsync(restarted, clean)).ToJsonString());
    }

    /// <summary>Members with an opening balance, and their sales of the last two years in the order they occurred (as a till system exports them).</summary>
    private static (string Members, string Sales) Files(DateTimeOffset now)
    {
        var random = new Random(17);
        var members = new StringBuilder();
        var sales = new List<(DateTimeOffset At, object Line)>();
        for (var m = 0; m < Members; m++)
        {
            var id = $"K-{m:D4}";
            members.Append(Imports.Ndjson(new
            {
                memberId = id, name = $"Member {m}", enrolledAt = now.AddYears(-3).ToString("O", CultureInfo.InvariantCulture),
                points = m * 7 % 300, pointsExpireOn = now.AddDays(400).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }));
            for (var n = 0; n < SalesPerMember; n++)
            {
                // Whole days and a half before now: the insights' windows, in days and months from the time they are
                // evaluated, stay half a day from every sale while the two runs take their minutes. The tiers' window
                // counts whole days from today 12 months ago, and moves by a day when a run crosses midnight: no sale
                // falls within three days of it.
                int days;
                do days = random.Next(1, 700);
                while (Math.Abs((now.AddDays(-days) - now.AddMonths(-12)).TotalDays) < 3);
                var at = now.AddDays(-days).AddHours(-12);
                var coffee = random.Next(0, 3);
                object[] lines = coffee > 0
                    ? [new { sku = "LATTE", category = "coffee", quantity = coffee, unitPrice = 3.20m }, new { sku = "CAKE", category = "food", quantity = 1, unitPrice = 4.50m }]
                    : [new { sku = "BOOK", category = "books", quantity = 1, unitPrice = random.Next(5, 300) }];
                sales.Add((at, new { memberId = id, transactionId = $"P-{m}-{n}", occurredAt = at.ToString("O", CultureInfo.InvariantCulture), storeId = "S-1", lines }));
            }
        }
        return (members.ToString(), Imports.Ndjson(sales.OrderBy(s => s.At).Select(s => s.Line).ToArray()));
    }

    /// <summary>
    /// Every member's account and ledger (without the times the engine wrote them at), and the insights' at-risk and top
    /// members; waits (bounded) for the insights to settle on <paramref name="expected"/>'s when given.
    /// </summary>
    private static async Task<JsonNode> SnapshotAsync(EngineProcess engine, JsonNode? expected = null)
    {
        var till = engine.Client("dev-till-key");
        var accounts = new JsonArray();
        for (var m = 0; m < Members; m++)
        {
            var id = $"K-{m:D4}";
            var account = await till.Account(id);
            account.AsObject().Remove("tierHeldUntil"); // from when the tier was reached: the time of the import
            // Rewards are grouped by the day they expire, counted from when they were issued: the time of the import. A
            // run that crosses midnight splits a group the other run kept whole, so only how many of each kind count.
            account["rewards"] = new JsonArray(account["rewards"]!.AsArray()
                .GroupBy(r => (string?)r!["kind"] + ":" + (string?)r["description"])
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (JsonNode?)(g.Key + "×" + g.Sum(r => (int)r!["count"]!))).ToArray());
            var ledger = new JsonArray((await till.Activity(id)).Select(e => (JsonNode?)new JsonArray(
                e!["sequence"]!.DeepClone(), e["kind"]!.DeepClone(), e["transactionId"]?.DeepClone(), e["points"]!.DeepClone(), e["balance"]!.DeepClone(),
                e["amount"]?.DeepClone(), e["description"]!.DeepClone())).ToArray());
            accounts.Add(new JsonObject { ["account"] = account, ["ledger"] = ledger });
        }
        var marketing = engine.Client("dev-marketing-key");
        // The projector follows the ledger a second at a time: the insights count once unchanged for five seconds, or
        // once they are those expected.
        JsonNode insights = new JsonObject();
        var (last, stable) = ("", 0);
        for (var attempt = 0; attempt < 600 && stable < 25; attempt++)
        {
            var atRisk = (await (await marketing.GetAsync("/api/insights/at-risk?limit=500")).Json())["members"]!.AsArray()
                .Select(r => r!["memberId"] + ":" + string.Join('+', r["reasons"]!.AsArray().Select(x => (string?)x!["kind"]))).Order();
            var top = (await (await marketing.GetAsync("/api/insights/top-members?limit=500")).Json())["list"]!.AsArray()
                .Select(r => r!["memberId"] + ":" + r["spend12m"]);
            insights = new JsonObject { ["atRisk"] = new JsonArray(atRisk.Select(x => (JsonNode?)x).ToArray()), ["top"] = new JsonArray(top.Select(x => (JsonNode?)x).ToArray()) };
            var text = insights.ToJsonString();
            if (expected is not null && text == expected["insights"]!.ToJsonString())
                break;
            stable = text == last ? stable + 1 : 0;
            last = text;
            await Task.Delay(200);
        }
        return new JsonObject { ["accounts"] = accounts, ["insights"] = insights };
    }

    private static async Task<JsonNode> WaitForAsync(HttpClient client, string importId, Func<JsonNode, bool> reached)
    {
        for (var waited = 0; waited < 6000; waited++)
        {
            var status = await (await client.GetAsync($"/api/imports/{importId}")).Json();
            if (reached(status) || (string?)status["state"] != "running")
                return status;
            await Task.Delay(10);
        }
        throw new TimeoutException($"Import {importId} did not get there in time.");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
