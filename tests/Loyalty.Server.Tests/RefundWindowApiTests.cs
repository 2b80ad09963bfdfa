using System.Net;
using Loyalty.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Loyalty.Server.Tests;

/// <summary>An engine whose programme clock the tests move, so that a return can come two or three months after the sale.</summary>
public sealed class RefundWindowFixture() : ClockedEngineFixture(new DateTimeOffset(2026, 2, 10, 11, 0, 0, TimeSpan.Zero));

/// <summary>Returns over HTTP inside and after the refund window (90 days), beyond the transaction window (30 days).</summary>
public sealed class RefundWindowApiTests(RefundWindowFixture fixture) : IClassFixture<RefundWindowFixture>
{
    [Fact]
    public async Task A_return_60_days_after_the_sale_is_accepted_and_one_after_the_window_is_a_422_problem_that_changes_nothing()
    {
        var till = fixture.Host.Till();
        var id = Api.NewMemberId();
        (await till.Enrol(id)).EnsureSuccessStatusCode();
        (await till.Purchase(id, Api.Sale("T-1", "KETTLE", "home", 2, 20m))).EnsureSuccessStatusCode();

        fixture.Time.Advance(TimeSpan.FromDays(60));
        var refund = await (await till.Refund(id, Return("F-1", "KETTLE", 1))).Json();
        Assert.Equal((20L, 20L, false), ((long)refund["pointsReversed"]!, (long)refund["balance"]!, (bool)refund["duplicate"]!));
        Assert.Equal("refund", (string?)(await till.Activity(id))[0]!["kind"]);

        fixture.Time.Advance(TimeSpan.FromDays(31)); // 91 days after the sale
        var before = await till.AccountText(id);
        var response = await till.Refund(id, Return("F-2", "KETTLE", 1));

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json(HttpStatusCode.UnprocessableContent);
        Assert.Equal("urn:loyalty:problem:refund-window-closed", (string?)problem["type"]);
        Assert.Contains("90 days", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(before, await till.AccountText(id));
        Assert.Equal(2, (await till.Activity(id)).Count(e => (string?)e!["kind"] is "refund" or "purchase"));
    }

    private static object Return(string transactionId, string sku, int quantity) =>
        new { transactionId, storeId = "S-01", originalTransactionId = "T-1", lines = new[] { new { sku, quantity } } };
}
