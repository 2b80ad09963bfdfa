using System.Globalization;
using System.Text.Json;

namespace Loyalty.InsightsData.Tests;

public sealed class ImportFileWriterTests : IDisposable
{
    private static readonly DateTimeOffset AsOf = GeneratorTests.AsOf;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "loyalty-import-files-" + Guid.NewGuid().ToString("N"));

    private ImportFiles Write(ImportFormat format, int members, long? sales = null, string sub = "a", int seed = 3) =>
        new ImportFileWriter(new InsightsDataGenerator(seed, AsOf), format).Write(Path.Combine(_directory, sub), members, sales);

    [Fact]
    public void Ndjson_files_hold_every_member_and_every_purchase_of_the_generator_with_the_same_bytes_for_the_same_seed()
    {
        var files = Write(ImportFormat.Ndjson, 40);
        var expected = new InsightsDataGenerator(3, AsOf).Members(40).ToList();

        var members = File.ReadAllLines(files.MembersPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(expected.Select(m => m.MemberId), members.Select(m => m.GetProperty("memberId").GetString()));
        foreach (var (line, member) in members.Zip(expected))
        {
            var enrolledAt = line.GetProperty("enrolledAt").GetDateTimeOffset();
            Assert.True(enrolledAt < member.Sales[0].OccurredAt);
            Assert.InRange(line.GetProperty("points").GetInt32(), 1, 500);
            Assert.Equal(DateOnly.FromDateTime(AsOf.UtcDateTime).AddYears(1),
                DateOnly.ParseExact(line.GetProperty("pointsExpireOn").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            Assert.EndsWith("@example.org", line.GetProperty("email").GetString());
        }

        var sales = File.ReadAllLines(files.SalesPath).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var expectedSales = expected.SelectMany(m => m.Sales.Select(s => (m.MemberId, Sale: s))).ToList();
        Assert.Equal(expectedSales.Count, sales.Count);
        Assert.Equal(expectedSales.Count, files.Summary.Sales);
        foreach (var (line, (memberId, sale)) in sales.Zip(expectedSales))
        {
            Assert.Equal(memberId, line.GetProperty("memberId").GetString());
            Assert.Equal(sale.TransactionId, line.GetProperty("transactionId").GetString());
            Assert.Equal(sale.OccurredAt.ToUnixTimeSeconds(), line.GetProperty("occurredAt").GetDateTimeOffset().ToUnixTimeSeconds());
            Assert.Equal(sale.StoreId, line.GetProperty("storeId").GetString());
            Assert.Equal(sale.Total, line.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("quantity").GetInt32() * l.GetProperty("unitPrice").GetDecimal()));
        }

        var again = Write(ImportFormat.Ndjson, 40, sub: "b");
        Assert.Equal(File.ReadAllBytes(files.SalesPath), File.ReadAllBytes(again.SalesPath));
        Assert.Equal(File.ReadAllBytes(files.MembersPath), File.ReadAllBytes(again.MembersPath));
        Assert.NotEqual(File.ReadAllBytes(files.SalesPath), File.ReadAllBytes(Write(ImportFormat.Ndjson, 40, sub: "c", seed: 4).SalesPath));
    }

    [Fact]
    public void Csv_files_have_a_header_and_one_row_per_sale_line_with_the_rows_of_a_sale_together()
    {
        var files = Write(ImportFormat.Csv, 25);
        var expected = new InsightsDataGenerator(3, AsOf).Members(25).ToList();

        var members = File.ReadAllLines(files.MembersPath);
        Assert.Equal(ImportFileWriter.MembersHeader, members[0]);
        Assert.Equal(expected.Select(m => m.MemberId), members.Skip(1).Select(r => r.Split(',')[0]));

        var rows = File.ReadAllLines(files.SalesPath);
        Assert.Equal(ImportFileWriter.SalesHeader, rows[0]);
        var lines = expected.SelectMany(m => m.Sales.SelectMany(s => s.Lines.Select(l =>
            $"{m.MemberId},{s.TransactionId},{s.StoreId},{l.Sku},{l.Quantity},{l.UnitPrice:0.00}"))).ToList();
        Assert.Equal(lines, rows.Skip(1).Select(r => r.Split(',')).Select(c => $"{c[0]},{c[1]},{c[3]},{c[4]},{c[6]},{c[7]}"));
        Assert.All(rows.Skip(1), r => Assert.Equal(8, r.Split(',').Length));
    }

    [Fact]
    public void A_sales_cap_keeps_each_members_latest_purchases_so_those_who_drifted_away_still_did()
    {
        var full = new InsightsDataGenerator(3, AsOf).Members(300).ToDictionary(m => m.MemberId);
        var files = Write(ImportFormat.Ndjson, 300, sales: 1500);

        var sales = File.ReadAllLines(files.SalesPath).Select(l => JsonDocument.Parse(l).RootElement)
            .GroupBy(s => s.GetProperty("memberId").GetString()!).ToList();
        Assert.InRange(sales.Sum(g => g.Count()), 1490, 1500);
        Assert.Equal(sales.Sum(g => g.Count()), files.Summary.Sales);
        foreach (var member in sales)
        {
            Assert.InRange(member.Count(), 1, 8);
            var latest = full[member.Key].Sales.TakeLast(member.Count()).Select(s => s.TransactionId);
            Assert.Equal(latest, member.Select(s => s.GetProperty("transactionId").GetString()));
        }
        Assert.Contains(full.Values, m => m.Plant == Plants.Lost && sales.Any(g => g.Key == m.MemberId));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
