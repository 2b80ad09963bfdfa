using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Loyalty.Storage.Liability;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Server.Tests.Reports;

/// <summary>An engine on a fixed programme clock, with points worth 0.02 each.</summary>
public sealed class LiabilityFixture() : ClockedEngineFixture(Now)
{
    /// <summary>Mid-month, so that the points of a purchase today expire on a day well inside their month.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 17, 15, 0, 0, TimeSpan.Zero);

    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { ["Loyalty:Program:PointValue"] = "0.02" };

    /// <summary>
    /// Counts every change of these members now (the nodes' own loop does it within a second anyway), once their entries
    /// are in the ledger: reading a member's activity waits for that.
    /// </summary>
    public async Task CatchUpAsync(params string[] memberIds)
    {
        foreach (var id in memberIds)
            await Host.Till().Activity(id);
        await Host.Services.GetRequiredService<LiabilityProjector>().CatchUpAsync();
    }
}

public sealed class PointsLiabilityApiTests(LiabilityFixture fixture) : IClassFixture<LiabilityFixture>
{
    private const string Path = "/api/reports/points-liability";

    private static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<long> BuyAsync(HttpClient till, string memberId, string transactionId, decimal amount)
    {
        var sale = await (await till.Purchase(memberId, Api.Sale(transactionId, "ITEM", "general", 1, amount))).Json();
        return (long)sale["pointsEarned"]!;
    }

    private async Task<string> CsvAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_report_counts_points_by_expiry_month_values_them_shows_debt_apart_and_drops_expired_days()
    {
        var till = fixture.Host.Till();
        var (ada, bob, cy) = (Api.NewMemberId(), Api.NewMemberId(), Api.NewMemberId());
        foreach (var id in new[] { ada, bob, cy })
            (await till.Enrol(id)).EnsureSuccessStatusCode();
        var adaPoints = await BuyAsync(till, ada, "S-A1", 40m);
        var expiresOn = DateOnly.Parse((string)(await till.Account(ada))["pointsExpiringNext"]!["on"]!, CultureInfo.InvariantCulture);
        var month = expiresOn.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var bobPoints = await BuyAsync(till, bob, "S-B1", 50m);
        (await till.Redeem(bob, new { transactionId = "R-B1", storeId = "S-01", points = bobPoints - 20 })).EnsureSuccessStatusCode();
        (await till.Refund(bob, new { transactionId = "F-B1", storeId = "S-01", originalTransactionId = "S-B1",
            lines = new[] { new { sku = "ITEM", quantity = 1 } } })).EnsureSuccessStatusCode();
        await fixture.CatchUpAsync(ada, bob);

        var report = await (await fixture.Host.Support().GetAsync(Path)).Json();

        Assert.Equal(LiabilityFixture.Now, report["asOf"]!.GetValue<DateTimeOffset>());
        Assert.Equal(0.02m, report["pointValue"]!.GetValue<decimal>());
        var row = Assert.Single(report["months"]!.AsArray());
        Assert.Equal(month, (string)row!["month"]!);
        Assert.Equal(adaPoints, (long)row["outstanding"]!["points"]!);
        Assert.Equal(adaPoints * 0.02m, row["outstanding"]!["value"]!.GetValue<decimal>());
        Assert.Equal(0, (long)row["pending"]!["points"]!);
        Assert.Equal(adaPoints, (long)report["outstanding"]!["points"]!);
        Assert.Equal(bobPoints - 20, (long)report["debt"]!["points"]!);
        Assert.Equal((bobPoints - 20) * 0.02m, report["debt"]!["value"]!.GetValue<decimal>());

        Assert.Equal($"kind,month,points,value\r\noutstanding,{month},{adaPoints},{Money(adaPoints * 0.02m)}\r\n" +
                     $"debt,,{bobPoints - 20},{Money((bobPoints - 20) * 0.02m)}\r\n", await CsvAsync(fixture.Host.Marketing()));

        // A year and more later Ada's points have expired, though nobody has touched her account since: not counted.
        fixture.Time.SetUtcNow(new DateTimeOffset(expiresOn.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var cyPoints = await BuyAsync(till, cy, "S-C1", 30m);
        await fixture.CatchUpAsync(cy);

        var later = await (await fixture.Host.Marketing().GetAsync(Path)).Json();

        Assert.DoesNotContain(later["months"]!.AsArray(), m => (string)m!["month"]! == month);
        Assert.Equal(cyPoints, (long)later["outstanding"]!["points"]!);
        Assert.Equal(bobPoints - 20, (long)later["debt"]!["points"]!);
    }

    [Theory]
    [InlineData("text/csv", "text/csv")]
    [InlineData("text/csv;q=0.5, application/json", "application/json")]
    [InlineData("application/json;q=0.2, text/csv;q=0.9", "text/csv")]
    [InlineData("text/csv;q=0", "application/json")]
    [InlineData("text/csv;q=abc", "text/csv")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/xml", "application/json")]
    [InlineData(",,;;==", "application/json")]
    [InlineData("text/csv; charset=\"utf-8", "application/json")]
    public async Task Any_accept_header_gets_json_or_the_csv_it_prefers_never_an_error(string accept, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        Assert.True(request.Headers.TryAddWithoutValidation("Accept", accept));

        var response = await fixture.Host.Marketing().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(EngineHost.TillKey, HttpStatusCode.Forbidden)]
    [InlineData(EngineHost.OperationsKey, HttpStatusCode.Forbidden)]
    [InlineData("not-a-key", HttpStatusCode.Unauthorized)]
    public async Task Only_support_and_marketing_read_the_report(string? key, HttpStatusCode expected)
    {
        var response = await fixture.Host.Client(key).GetAsync(Path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_member_cannot_read_the_report()
    {
        var member = fixture.Host.Client(null);
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Watcher.MemberToken(Api.NewMemberId()));

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(Path)).StatusCode);
    }
}
