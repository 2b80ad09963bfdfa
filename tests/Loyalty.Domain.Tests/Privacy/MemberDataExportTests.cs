using System.Text.Json;
using Loyalty.Domain;
using Loyalty.Domain.Privacy;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests.Privacy;

/// <summary>A member's copy of their data: the account, and what the account only sums up, lot by lot.</summary>
public class MemberDataExportTests
{
    [Fact]
    public void The_export_holds_the_profile_the_account_every_lot_every_pending_lot_and_the_clubs_with_when_they_were_joined()
    {
        var options = ProgrammeOptions.Demo();
        options.PendingDays = 7;
        var m = new TestMember(options);
        m.Join("coffee-club");
        m.Buy(Item(100m));
        m.AdvanceDays(10); // the first sale's points are released
        m.Join("book-club");
        m.Buy(Item(50m));

        var export = m.Programme.Export(m.State, "M-1", m.Now)!;

        Assert.Equal("M-1", export.MemberId);
        Assert.Equal(new MemberProfile("Ada", "ada@example.org", null), export.Profile);
        Assert.Equal(JsonSerializer.Serialize(m.Programme.View(m.State, "M-1", m.Now)), JsonSerializer.Serialize(export.Account));
        Assert.Equal(m.State.Lots.Select(l => new ExportedLot(l.Points, l.ExpiresOn)), export.Lots);
        Assert.Equal(export.Account.Points, export.Lots.Sum(l => l.Points));
        var pending = Assert.Single(export.PendingLots);
        Assert.Equal((export.Account.PendingPoints, Day(m.Now).AddDays(7), "T0002"), (pending.Points, pending.ReleasesOn, pending.TransactionId));
        Assert.Equal([new ExportedClub("coffee-club", T0), new ExportedClub("book-club", T0.AddDays(10))], export.Clubs);
    }

    [Fact]
    public void A_member_not_enrolled_has_no_export()
    {
        var programme = new Programme(ProgrammeOptions.Demo());

        Assert.Null(programme.Export(new MemberState(), "M-1", T0));
    }
}
