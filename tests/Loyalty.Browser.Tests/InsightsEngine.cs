using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Loyalty.Grains.Insights;
using Loyalty.InsightsData;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Browser.Tests;

/// <summary>
/// An engine of its own for the insights page: the embedded default (SQLite), a transaction window of 366 days so that
/// a year of purchases is taken, segments reloaded every second; filled through the HTTP API with a generated year of
/// purchases (planted drifting members among steady ones) and waited on until its read model has caught up.
/// </summary>
public sealed class InsightsEngine : IAsyncLifetime
{
    public const int MemberCount = 300;
    public const int Seed = 7;
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromMinutes(3);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-insights-page-" + Guid.NewGuid().ToString("N"));

    public PagesHost Host { get; private set; } = null!;

    /// <summary>The generated members, as sent.</summary>
    public IReadOnlyList<GeneratedMember> Members { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Host = new PagesHost(Path.Combine(_folder, "loyalty.db"), settings: new Dictionary<string, string>
        {
            ["Loyalty:Program:TransactionWindowDays"] = "366",
            ["Loyalty:Insights:SegmentRefreshSeconds"] = "1",
        });
        var now = DateTimeOffset.UtcNow;
        var asOf = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        Members = new InsightsDataGenerator(Seed, asOf).Members(MemberCount).ToList();

        using var till = Host.Client(PagesHost.DevTillKey);
        till.Timeout = TimeSpan.FromSeconds(60);
        var sender = new EngineSender(till, concurrency: 4);
        await sender.SendAsync(Members, CancellationToken.None);
        Assert.True(sender.Failures == 0, $"{sender.Failures} calls failed; the first: {sender.FirstFailure}");
        Assert.Equal(GeneratedRevenue, sender.RevenueSent);
        await WaitForReadModelAsync();
    }

    /// <summary>The 12-month revenue of the generated members (every sale is within the last 365 days).</summary>
    public decimal GeneratedRevenue => Members.Sum(m => m.Sales.Sum(s => s.Total));

    /// <summary>
    /// Waits until the read model holds every member with all their purchases: the 12-month revenue it reports is the
    /// generated one. (Every purchase marks its member in the same transaction as the ledger, so a revenue short of it
    /// means marked members are still to be projected.)
    /// </summary>
    private async Task WaitForReadModelAsync()
    {
        using var marketing = Marketing();
        var (caughtUp, last) = await InsightsCatchUp.WaitAsync(marketing, MemberCount, GeneratedRevenue, CatchUpTimeout);
        Assert.True(caughtUp, $"The read model did not catch up in {CatchUpTimeout}: {last}, expected {MemberCount} members and {GeneratedRevenue} of revenue.");
        Assert.Equal((MemberCount, GeneratedRevenue), last);
    }

    public HttpClient Marketing() => Host.Client(MarketingSteps.DevMarketingKey);

    public async Task<JsonNode> GetAsync(string path)
    {
        using var marketing = Marketing();
        return (await marketing.GetFromJsonAsync<JsonNode>(path))!;
    }

    /// <summary>Waits until this node's copy of the segments puts the member in (or out of) a segment.</summary>
    public async Task WaitForSegmentAsync(string memberId, string segment, bool inSegment)
    {
        var segments = Host.Services.GetRequiredService<InsightsSegments>();
        var clock = Stopwatch.StartNew();
        while ((segments.SegmentsOf(memberId)?.Contains(segment) ?? false) != inSegment)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{memberId} is {(inSegment ? "not " : "")}in the segment '{segment}' after 30 s.");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
