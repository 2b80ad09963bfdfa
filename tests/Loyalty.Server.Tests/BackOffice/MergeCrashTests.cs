using System.Net;
using System.Net.Http.Json;
using Loyalty.Grains;

namespace Loyalty.Server.Tests.BackOffice;

/// <summary>
/// A merge whose engine process is killed between two of its steps (a test-only kill switch, <see cref="MergeFaultInjection"/>),
/// then sent again to the engine started anew on the same SQLite file: everything moves exactly once.
/// </summary>
public sealed class MergeCrashTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-merge-crash-" + Guid.NewGuid().ToString("N"));

    public MergeCrashTests() => Directory.CreateDirectory(_folder);

    private string Database => Path.Combine(_folder, "loyalty.db");

    [Theory]
    [InlineData(1)] // the source froze and handed over its snapshot
    [InlineData(2)] // the target took the snapshot in
    [InlineData(3)] // the source's identifiers were bound to the target
    public async Task A_merge_killed_after_a_step_and_sent_again_moves_everything_exactly_once(int killAfterStep)
    {
        var (target, source) = (Api.NewMemberId(), Api.NewMemberId());
        string card;
        await using (var doomed = await EngineProcess.StartAsync(Database, (MergeFaultInjection.ConfigurationKey, killAfterStep.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            var till = doomed.Client("dev-till-key");
            await (await till.Enrol(target)).Json(HttpStatusCode.Created);
            await (await till.Enrol(source)).Json(HttpStatusCode.Created);
            await (await till.Purchase(target, Api.Sale("T-1", "TV", "electronics", 1, 40.00m))).Json();
            await (await till.Purchase(source, Api.Sale("S-1", "LATTE", "coffee", 10, 2.50m))).Json();
            card = (string)(await (await till.PostAsync($"/api/members/{source}/cards", null)).Json(HttpStatusCode.Created))["cardNumber"]!;

            // The process dies with the call: the client sees the connection cut (or, when its retry was still connecting, refused).
            var cut = await Record.ExceptionAsync(() =>
                doomed.Client("dev-support-key").PostAsJsonAsync($"/api/members/{target}/merges", new { transactionId = "MRG-1", sourceMemberId = source }));
            Assert.True(cut is HttpRequestException or System.Net.Sockets.SocketException or IOException, $"Not a cut connection: {cut}");
            await doomed.WaitForExitAsync();
            Assert.True(doomed.HasExited);
        }

        await using var engine = await EngineProcess.StartAsync(Database);
        var support = engine.Client("dev-support-key");
        var merged = await (await support.PostAsJsonAsync($"/api/members/{target}/merges", new { transactionId = "MRG-1", sourceMemberId = source })).Json();
        var again = await (await support.PostAsJsonAsync($"/api/members/{target}/merges", new { transactionId = "MRG-1", sourceMemberId = source })).Json();

        Assert.Equal(killAfterStep >= 2, (bool)merged["duplicate"]!);
        Assert.True((bool)again["duplicate"]!);
        Assert.Equal((25L, 65L), ((long)merged["pointsMoved"]!, (long)merged["balance"]!));
        var tillNow = engine.Client("dev-till-key");
        var account = await tillNow.Account(target);
        Assert.Equal((65L, 25.00m + 40.00m), ((long)account["points"]!, (decimal)account["lifetimeSpend"]!));
        Assert.Equal(1, (int)account["rewards"]!.AsArray().Single()!["count"]!);
        Assert.Equal(1, (int)account["stampCards"]![0]!["stamps"]!);
        Assert.Equal(target, (string)(await tillNow.Account(source))["memberId"]!);
        Assert.Equal(target, (string)(await (await tillNow.GetAsync($"/api/members/lookup?card={card}")).Json())["memberId"]!);
        var entries = (await support.Activity(target)).Select(e => (string)e!["kind"]!).ToArray();
        Assert.Single(entries, kind => kind == "merged-in");
        Assert.Single(entries, kind => kind == "reward-issued"); // the group moved in (the source's sale issued it in the source's ledger)
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held: the temporary folder is left to the system
        }
    }
}
