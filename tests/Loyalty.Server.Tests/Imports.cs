using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Loyalty.Server.Tests;

/// <summary>Import files and calls for the tests: lines relative to now, an import sent and waited for.</summary>
public static class Imports
{
    public const string NdjsonType = "application/x-ndjson";
    public const string CsvType = "text/csv";

    public static string Ndjson(params object[] lines) => string.Concat(lines.Select(l => JsonSerializer.Serialize(l, Api.Web) + "\n"));

    /// <summary>A day <paramref name="days"/> from today (UTC), as yyyy-MM-dd.</summary>
    public static string Day(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A time <paramref name="days"/> from now, ISO 8601 UTC.</summary>
    public static string Time(int days) => DateTimeOffset.UtcNow.AddDays(days).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static object Sale(string memberId, string transactionId, int days, params (string Sku, string Category, int Quantity, decimal UnitPrice)[] lines) =>
        new
        {
            memberId, transactionId, occurredAt = Time(days), storeId = "S-01",
            lines = lines.Select(l => new { sku = l.Sku, category = l.Category, quantity = l.Quantity, unitPrice = l.UnitPrice }).ToArray(),
        };

    /// <summary>Sends an import and polls its status until it is no longer running.</summary>
    public static async Task<JsonNode> ImportAndWait(this HttpClient client, string kindAndQuery, string body, string contentType)
    {
        var response = await client.PostAsync($"/api/imports/{kindAndQuery}", new StringContent(body, Encoding.UTF8, contentType));
        var started = await response.Json(HttpStatusCode.Accepted);
        var id = (string)started["importId"]!;
        Assert.Equal($"/api/imports/{id}", response.Headers.Location?.OriginalString);
        for (var waited = 0; waited < 1200; waited++)
        {
            var status = await (await client.GetAsync($"/api/imports/{id}")).Json();
            if ((string?)status["state"] != "running")
                return status;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Import {id} still running after two minutes.");
    }

    public static (string, long, long, long, long) Counts(JsonNode status) =>
        ((string)status["state"]!, (long)status["linesRead"]!, (long)status["accepted"]!, (long)status["skipped"]!, (long)status["rejected"]!);

    public static async Task<string?> TypeOf(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["type"];
}
