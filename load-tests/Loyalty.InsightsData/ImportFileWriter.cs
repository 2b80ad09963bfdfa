using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Loyalty.InsightsData;

/// <summary>The formats of the engine's imports (<c>POST /api/imports/{members|sales}</c>).</summary>
public enum ImportFormat
{
    Ndjson,
    Csv,
}

/// <summary>What <see cref="ImportFileWriter"/> wrote: the files, and the members and sales in them.</summary>
public sealed record ImportFiles(string MembersPath, string SalesPath, PlantSummary Summary);

/// <summary>
/// Writes generated members as the two files of an import: <c>members.{ndjson|csv}</c> (one line per member, with an
/// opening balance) and <c>sales.{ndjson|csv}</c> (every purchase, member after member, oldest first). Streams: only one
/// member's history is in memory at a time, so a million sales need no more memory than ten.
/// </summary>
/// <remarks>
/// A CSV sales file has one row per sale line (the sale's columns repeated on each of its rows, its rows together).
/// With <c>salesCap</c>, every member keeps only their latest <c>ceil(salesCap / members)</c> purchases and the file
/// stops at <c>salesCap</c> sales: the members who drifted away still did so (their last purchase is as old), with a
/// shorter history.
/// </remarks>
public sealed class ImportFileWriter(InsightsDataGenerator generator, ImportFormat format)
{
    public const string MembersHeader = "memberId,name,email,enrolledAt,points,pointsExpireOn";
    public const string SalesHeader = "memberId,transactionId,occurredAt,storeId,sku,category,quantity,unitPrice";

    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    public string Extension => format == ImportFormat.Csv ? "csv" : "ndjson";

    public ImportFiles Write(string directory, int members, long? salesCap = null)
    {
        Directory.CreateDirectory(directory);
        var membersPath = Path.Combine(directory, $"members.{Extension}");
        var salesPath = Path.Combine(directory, $"sales.{Extension}");
        var counts = Plants.All.ToDictionary(p => p, _ => 0, StringComparer.Ordinal);
        long sales = 0;
        using (var membersFile = Open(membersPath))
        using (var salesFile = Open(salesPath))
        {
            if (format == ImportFormat.Csv)
            {
                membersFile.WriteLine(MembersHeader);
                salesFile.WriteLine(SalesHeader);
            }
            var index = 0;
            foreach (var member in generator.Members(members))
            {
                // What is left of the cap, shared among the members left: a short history leaves more to those after.
                var quota = salesCap is { } cap ? (int)Math.Min(int.MaxValue, (cap - sales + members - index - 1) / (members - index)) : int.MaxValue;
                index++;
                var kept = member.Sales.Skip(Math.Max(0, member.Sales.Count - quota)).ToList();
                if (kept.Count == 0)
                    continue;
                counts[member.Plant]++;
                WriteMember(membersFile, member, kept);
                foreach (var sale in kept)
                    WriteSale(salesFile, member.MemberId, sale);
                sales += kept.Count;
            }
        }
        return new ImportFiles(membersPath, salesPath, new PlantSummary(counts, sales));
    }

    private static StreamWriter Open(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), new UTF8Encoding(false)) { NewLine = "\n" };

    /// <summary>A member enrolled a week before their first purchase, with an opening balance that expires a year after <c>asOf</c>.</summary>
    private void WriteMember(StreamWriter file, GeneratedMember member, IReadOnlyList<GeneratedSale> sales)
    {
        var enrolledAt = (sales.Count > 0 ? sales[0].OccurredAt : generator.AsOf).AddDays(-7);
        var points = 1 + (int)Math.Round(sales.Sum(s => s.Total)) % 500;
        var expireOn = DateOnly.FromDateTime(generator.AsOf.UtcDateTime).AddYears(1);
        var name = $"Member {member.MemberId}";
        var email = $"{member.MemberId}@example.org";
        if (format == ImportFormat.Csv)
        {
            file.WriteLine(string.Join(',', member.MemberId, name, email, Time(enrolledAt), points.ToString(CultureInfo.InvariantCulture),
                expireOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            return;
        }
        WriteJsonLine(file, json =>
        {
            json.WriteString("memberId", member.MemberId);
            json.WriteString("name", name);
            json.WriteString("email", email);
            json.WriteString("enrolledAt", Time(enrolledAt));
            json.WriteNumber("points", points);
            json.WriteString("pointsExpireOn", expireOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        });
    }

    private void WriteSale(StreamWriter file, string memberId, GeneratedSale sale)
    {
        if (format == ImportFormat.Csv)
        {
            foreach (var line in sale.Lines)
                file.WriteLine(string.Join(',', memberId, sale.TransactionId, Time(sale.OccurredAt), sale.StoreId, line.Sku, line.Category,
                    line.Quantity.ToString(CultureInfo.InvariantCulture), line.UnitPrice.ToString("0.00", CultureInfo.InvariantCulture)));
            return;
        }
        WriteJsonLine(file, json =>
        {
            json.WriteString("memberId", memberId);
            json.WriteString("transactionId", sale.TransactionId);
            json.WriteString("occurredAt", Time(sale.OccurredAt));
            json.WriteString("storeId", sale.StoreId);
            json.WriteStartArray("lines");
            foreach (var line in sale.Lines)
            {
                json.WriteStartObject();
                json.WriteString("sku", line.Sku);
                json.WriteString("category", line.Category);
                json.WriteNumber("quantity", line.Quantity);
                json.WriteNumber("unitPrice", line.UnitPrice);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private static void WriteJsonLine(StreamWriter file, Action<Utf8JsonWriter> properties)
    {
        file.Flush();
        using (var json = new Utf8JsonWriter(file.BaseStream, Compact))
        {
            json.WriteStartObject();
            properties(json);
            json.WriteEndObject();
        }
        file.Write('\n');
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
