using Loyalty.Domain.Imports;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests.Imports;

/// <summary>
/// Import files read line by line: NDJSON and CSV members and sales, each refused line with its number, field and
/// reason; long lines refused without being held; sales of any age up to MaxHistoryYears, none in the future.
/// </summary>
public class ImportFileTests
{
    private static readonly ImportOptions Options = new() { MaxLineLength = 2048, MaxHistoryYears = 3 };
    private static readonly ImportLineRules Rules = new(Options, T0, "GB", ["Member", "Silver", "Gold"]);

    private static List<ImportParsed<ImportedMember>> Members(string text, ImportFormat format) =>
        ReadAll(ImportFileReader<ImportedMember>.Members(new StringReader(text), format, Rules));

    private static List<ImportParsed<ImportedSale>> Sales(string text, ImportFormat format) =>
        ReadAll(ImportFileReader<ImportedSale>.Sales(new StringReader(text), format, Rules));

    private static List<ImportParsed<T>> ReadAll<T>(ImportFileReader<T> reader) where T : class
    {
        var all = new List<ImportParsed<T>>();
        while (reader.ReadAsync().AsTask().Result is { } parsed)
            all.Add(parsed);
        return all;
    }

    private static (long, string)[] Errors<T>(IEnumerable<ImportParsed<T>> parsed) where T : class =>
        parsed.Where(p => p.Error is not null).Select(p => (p.Error!.Line, p.Error.Field)).ToArray();

    [Fact]
    public void A_members_line_in_ndjson_is_read_into_normal_form()
    {
        var parsed = Members("""{"memberId":"M-1","name":"Ada","email":" Ada@Example.ORG ","phone":"07400 654321","cardNumber":"4000 0000 0000 0002","points":120,"pointsExpireOn":"2026-12-31","tier":"silver","enrolledAt":"2020-05-01T09:00:00Z"}""",
            ImportFormat.Ndjson);

        var member = Assert.Single(parsed).Value!;
        Assert.Equal(("M-1", "ada@example.org", "+447400654321", "4000000000000002"), (member.MemberId, member.Profile.Email, member.Profile.Phone, member.CardNumber));
        Assert.Equal((120L, new DateOnly(2026, 12, 31), "Silver"), (member.Points, member.PointsExpireOn, member.Tier));
        Assert.Equal(new DateTimeOffset(2020, 5, 1, 9, 0, 0, TimeSpan.Zero), member.EnrolledAt);
    }

    [Fact]
    public void Bad_members_lines_are_refused_each_with_its_line_and_field()
    {
        var text = string.Join('\n',
            """{"memberId":"M 1","name":"A"}""",
            """{"memberId":"M-2"}""",
            """{"memberId":"M-3","name":"A","email":"nope"}""",
            """{"memberId":"M-4","name":"A","phone":"12"}""",
            """{"memberId":"M-5","name":"A","cardNumber":"4000000000000001"}""",
            """{"memberId":"M-6","name":"A","points":-1}""",
            """{"memberId":"M-7","name":"A","points":"many"}""",
            """{"memberId":"M-8","name":"A","points":5,"pointsExpireOn":"2026-01-14"}""",
            """{"memberId":"M-9","name":"A","tier":"Platinum"}""",
            """{"memberId":"M-10","name":"A","enrolledAt":"2026-02-01T00:00:00Z"}""",
            """{"memberId":"M-11",""",
            "",
            """{"memberId":"M-12","name":"A"}""");

        var parsed = Members(text, ImportFormat.Ndjson);

        Assert.Equal([(1L, "memberId"), (2L, "name"), (3L, "email"), (4L, "phone"), (5L, "cardNumber"), (6L, "points"), (7L, "points"),
            (8L, "pointsExpireOn"), (9L, "tier"), (10L, "enrolledAt"), (11L, "line")], Errors(parsed));
        Assert.Equal(13, Assert.Single(parsed, p => p.Value is not null).Value!.Line); // the blank line counts
    }

    [Fact]
    public void Members_in_csv_are_read_by_header_name_in_any_order_and_bad_fields_name_themselves()
    {
        var text = "name,memberId,points,pointsExpireOn,email\n" +
                   "\"Lovelace, Ada\",M-1,50,2026-06-30,ada@example.org\n" +
                   "Bob,M-2,fifty,,\n" +
                   "Cy,M-3,5,30/06/2026,\n" +
                   "\"Unclosed,M-4,,,\n";

        var parsed = Members(text, ImportFormat.Csv);

        Assert.Equal(("Lovelace, Ada", 50L), (parsed[0].Value!.Profile.Name, parsed[0].Value!.Points));
        Assert.Equal([(3L, "points"), (4L, "pointsExpireOn"), (5L, "line")], Errors(parsed));
    }

    [Fact]
    public void A_csv_header_without_a_required_column_refuses_every_line()
    {
        var parsed = Members("memberId,email\nM-1,a@example.org\nM-2,b@example.org\n", ImportFormat.Csv);

        Assert.Equal([(1L, "header"), (2L, "header"), (3L, "header")], Errors(parsed));
        Assert.Contains("name", parsed[0].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sale_may_be_up_to_MaxHistoryYears_old_but_not_older_nor_in_the_future()
    {
        string Line(string id, DateTimeOffset at) =>
            $$"""{"memberId":"M-1","transactionId":"{{id}}","occurredAt":"{{at:O}}","lines":[{"sku":"MUG","quantity":1,"unitPrice":9.99}]}""";
        var text = string.Join('\n', Line("OLDEST", T0.AddYears(-3).AddMinutes(1)), Line("TOO-OLD", T0.AddYears(-3).AddMinutes(-1)),
            Line("NOW", T0.AddMinutes(4)), Line("FUTURE", T0.AddMinutes(6)));

        var parsed = Sales(text, ImportFormat.Ndjson);

        Assert.Equal(["OLDEST", "NOW"], parsed.Where(p => p.Value is not null).Select(p => p.Value!.Purchase.TransactionId));
        Assert.Equal([(2L, "occurredAt"), (4L, "occurredAt")], Errors(parsed));
        Assert.Contains("3 years", parsed[1].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_sale_lines_name_the_line_of_the_sale_at_fault()
    {
        var text = string.Join('\n',
            """{"memberId":"M-1","transactionId":"T-1","occurredAt":"2025-06-01T10:00:00Z","lines":[]}""",
            """{"memberId":"M-1","transactionId":"T-2","occurredAt":"2025-06-01T10:00:00Z","lines":[{"sku":"A","quantity":1,"unitPrice":1.999}]}""",
            """{"memberId":"M-1","transactionId":"T-3","occurredAt":"2025-06-01T10:00:00Z","lines":[{"sku":"A","quantity":1,"unitPrice":1},{"sku":"","quantity":1,"unitPrice":1}]}""",
            """{"memberId":"M-1","transactionId":"T-4","occurredAt":"soon","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""",
            """{"memberId":"M-1","occurredAt":"2025-06-01T10:00:00Z","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""",
            """{"memberId":"M-1","transactionId":"T-6","occurredAt":"2025-06-01T10:00:00Z","lines":[{"sku":"A","quantity":0,"unitPrice":1}]}""");

        var parsed = Sales(text, ImportFormat.Ndjson);

        Assert.Equal([(1L, "lines"), (2L, "lines[0].unitPrice"), (3L, "lines[1].sku"), (4L, "occurredAt"), (5L, "transactionId"),
            (6L, "lines[0].quantity")], Errors(parsed));
    }

    [Fact]
    public void A_sale_in_csv_is_its_consecutive_rows_reported_at_its_first_row()
    {
        var text = "memberId,transactionId,occurredAt,storeId,sku,category,quantity,unitPrice\n" +
                   "M-1,T-1,2025-06-01T10:00:00Z,S-1,LATTE,coffee,2,3.20\n" +
                   "M-1,T-1,2025-06-01T10:00:00Z,S-1,MUG,home,1,12.00\n" +
                   "M-2,T-1,2025-06-02T10:00:00Z,,TEA,,1,2.50\n" +
                   "M-1,T-2,2025-06-03T10:00:00Z,S-1,LATTE,coffee,1,3.20\n" +
                   "M-1,T-2,2025-06-04T10:00:00Z,S-1,LATTE,coffee,1,3.20\n" +
                   "M-1,T-3,2025-06-03T10:00:00Z,S-1,LATTE,coffee,x,3.20\n";

        var parsed = Sales(text, ImportFormat.Csv);

        var sales = parsed.Where(p => p.Value is not null).Select(p => p.Value!).ToArray();
        Assert.Equal([(2L, "M-1", 2), (4L, "M-2", 1)], sales.Select(s => (s.Line, s.MemberId, s.Purchase.Lines.Count)));
        Assert.Equal(["LATTE", "MUG"], sales[0].Purchase.Lines.Select(l => l.Sku));
        Assert.Null(sales[1].Purchase.StoreId);
        Assert.Equal([(6L, "occurredAt"), (7L, "lines[0].quantity")], Errors(parsed));
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_refused_and_the_next_line_is_read()
    {
        var huge = """{"memberId":"M-1","name":"A","email":"x@example.org","tier":"Gold","nothing":""" + "\"" + new string('x', 5000) + "\"}";
        var parsed = Members(huge + "\r\n" + """{"memberId":"M-2","name":"B"}""" + "\r\n", ImportFormat.Ndjson);

        Assert.Equal([(1L, "line")], Errors(parsed));
        Assert.Contains("2048", parsed[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("M-2", parsed[1].Value!.MemberId);
    }

    [Fact]
    public async Task The_line_reader_counts_blank_lines_drops_a_byte_order_mark_and_ends_without_a_final_line_feed()
    {
        var reader = new ImportLineReader(new StringReader("\uFEFFfirst\n\n  \r\nlast"), 100);

        var lines = new List<ImportTextLine>();
        while (await reader.ReadAsync() is { } line)
            lines.Add(line);

        Assert.Equal([(1L, "first"), (4L, "last")], lines.Select(l => (l.Number, l.Text!)));
    }

    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("\"a,b\",\"say \"\"hi\"\"\",", new[] { "a,b", "say \"hi\"", null })]
    [InlineData(",x", new[] { null, "x" })]
    public void Csv_rows_split_on_commas_outside_quotes(string line, string?[] fields) =>
        Assert.Equal(fields, CsvRow.Split(line));

    [Theory]
    [InlineData("\"open")]
    [InlineData("\"closed\"trailing,x")]
    public void A_csv_row_with_broken_quotes_is_not_a_row(string line) => Assert.Null(CsvRow.Split(line));
}
