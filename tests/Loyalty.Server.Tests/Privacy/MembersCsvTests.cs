using Loyalty.Domain;
using Loyalty.Server.Apis;

namespace Loyalty.Server.Tests.Privacy;

/// <summary>The members CSV's rows: RFC 4180, and safe to open in a spreadsheet.</summary>
public sealed class MembersCsvTests
{
    private static readonly DateTimeOffset EnrolledAt = new(2026, 3, 1, 8, 30, 0, TimeSpan.Zero);

    internal static AccountView Account(string name, string? email = null, string? phone = null, DateOnly? birthDate = null,
        DateTimeOffset? lastPurchaseAt = null, params string[] clubs) =>
        new("M-1", name, email, birthDate, 120, "Silver", null, new TierProgress(600m, "Gold", 400m), [], [], null, clubs, lastPurchaseAt,
            612.50m, EnrolledAt, 7, phone, 15);

    [Fact]
    public void A_row_holds_the_profile_and_the_account_in_the_headers_order_times_in_utc()
    {
        var row = MembersCsv.Row(Account("Ada Lovelace", "ada@example.org", "+447400123456", new DateOnly(1990, 4, 1),
            new DateTimeOffset(2026, 3, 2, 14, 5, 6, 789, TimeSpan.FromHours(2)), "coffee", "books"));

        Assert.Equal("M-1,Ada Lovelace,ada@example.org,+447400123456,1990-04-01,2026-03-01T08:30:00.000Z,120,15,Silver,612.50," +
                     "2026-03-02T12:05:06.789Z,coffee;books\r\n", row);
        Assert.Equal(MembersCsv.Header.Split(',').Length, row.TrimEnd().Split(',').Length);
    }

    [Theory]
    [InlineData("Hopper, Grace", "\"Hopper, Grace\"")]
    [InlineData("Ada \"the Countess\"", "\"Ada \"\"the Countess\"\"\"")]
    [InlineData("Two\nlines", "\"Two\nlines\"")]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1 cmd", "'+1 cmd")]
    [InlineData("-2", "'-2")]
    [InlineData("@import", "'@import")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("Zoë Ångström", "Zoë Ångström")]
    public void A_name_is_quoted_when_it_must_be_and_never_read_as_a_formula(string name, string field)
    {
        var row = MembersCsv.Row(Account(name));

        Assert.StartsWith($"M-1,{field},,,,", row);
    }

    [Fact]
    public void None_is_an_empty_field()
    {
        Assert.Equal("M-1,Ada,,,,2026-03-01T08:30:00.000Z,120,15,Silver,612.50,,\r\n", MembersCsv.Row(Account("Ada")));
    }
}
