using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Loyalty.Grains.Privacy;
using Loyalty.Server.Tests.BackOffice;
using Loyalty.Testing;

namespace Loyalty.Server.Tests.Privacy;

/// <summary>
/// An erasure whose engine process is killed right after one of its steps (a test-only kill switch,
/// <see cref="ErasureFaultInjection"/>), then the engine started anew on the same SQLite file: the member already answers
/// 410, an erasure sent again completes it with the same answer, and nothing personal is left in the file or its log.
/// </summary>
public sealed class ErasureCrashTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-erasure-crash-" + Guid.NewGuid().ToString("N"));

    public ErasureCrashTests() => Directory.CreateDirectory(_folder);

    private string Database => Path.Combine(_folder, "loyalty.db");

    [Theory]
    [InlineData(1)] // the state forgot the personal data
    [InlineData(2)] // the ledger's texts were erased
    [InlineData(3)] // the sign-in codes and the release mark went
    [InlineData(4)] // the identifiers were released
    [InlineData(5)] // the sign-ins were revoked
    public async Task An_erasure_killed_after_a_step_completes_when_sent_again(int killAfterStep)
    {
        var memberId = Api.NewMemberId();
        var (name, email) = ($"Ottoline Vexbridge{killAfterStep}", $"ov{killAfterStep}.{memberId.ToLowerInvariant()}@erasure.example.org");
        string card;
        await using (var doomed = await EngineProcess.StartAsync(Database, (ErasureFaultInjection.ConfigurationKey, killAfterStep.ToString(CultureInfo.InvariantCulture))))
        {
            var till = doomed.Client("dev-till-key");
            await (await till.PutAsJsonAsync($"/api/members/{memberId}", new { name, email })).Json(HttpStatusCode.Created);
            await (await till.Purchase(memberId, Api.Sale("S-1", "LATTE", "coffee", 10, 2.50m))).Json();
            card = (string)(await (await till.PostAsync($"/api/members/{memberId}/cards", null)).Json(HttpStatusCode.Created))["cardNumber"]!;

            // The process dies with the call: the client sees the connection cut (or, when its retry was still connecting, refused).
            var cut = await Record.ExceptionAsync(() => doomed.Client("dev-support-key").DeleteAsync($"/api/members/{memberId}"));
            Assert.True(cut is HttpRequestException or System.Net.Sockets.SocketException or IOException, $"Not a cut connection: {cut}");
            await doomed.WaitForExitAsync();
            Assert.True(doomed.HasExited);
        }

        await using var engine = await EngineProcess.StartAsync(Database);
        var support = engine.Client("dev-support-key");
        var gone = await support.GetAsync($"/api/members/{memberId}");
        Assert.Equal("urn:loyalty:problem:member-erased", (string?)(await gone.Json(HttpStatusCode.Gone))["type"]);
        var erased = await (await support.DeleteAsync($"/api/members/{memberId}")).Json();
        var again = await (await support.DeleteAsync($"/api/members/{memberId}")).Json();

        Assert.Equal(erased.ToJsonString(), again.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync($"/api/members/lookup?card={card}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync($"/api/members/lookup?email={email}")).StatusCode);
        Assert.Equal(25L, (long)(await (await support.GetAsync("/api/reports/points-liability")).Json())["outstanding"]!["points"]!);
        Assert.Empty(PersonalDataSearch.InSqliteFiles(Database, name, email));
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
