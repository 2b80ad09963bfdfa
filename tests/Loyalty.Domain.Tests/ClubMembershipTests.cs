using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class ClubMembershipTests
{
    [Fact]
    public void Joining_a_club_shows_it_on_the_account_and_in_the_activity()
    {
        var m = new TestMember();
        var joined = m.Join("coffee-club", "Coffee Club");

        Assert.Equal(new ClubMembershipOutcome("coffee-club", true, true, T0, joined.Clubs), joined);
        Assert.Equal(["coffee-club"], joined.Clubs);
        Assert.Equal(["coffee-club"], m.Programme.View(m.State, "M-1", m.Now).Clubs);
        var entry = m.LastEntry;
        Assert.Equal((LedgerKinds.ClubJoined, "Joined Coffee Club", 0L), (entry.Kind, entry.Description, entry.Points));
        Assert.Contains("\"clubId\":\"coffee-club\"", entry.Details);
    }

    [Fact]
    public void Joining_twice_changes_nothing_and_keeps_the_first_joining_time()
    {
        var m = new TestMember();
        m.Join("coffee-club");
        var sequence = m.State.LastSequence;
        m.AdvanceDays(1);

        var again = m.Join("coffee-club");

        Assert.False(again.Changed);
        Assert.True(again.Member);
        Assert.Equal(T0, again.JoinedAt);
        Assert.Equal(sequence, m.State.LastSequence);
    }

    [Fact]
    public void Leaving_takes_the_club_off_the_account_and_leaving_again_changes_nothing()
    {
        var m = new TestMember();
        m.Join("coffee-club");
        m.Join("book-club");

        var left = m.Leave("coffee-club");
        Assert.Equal((false, true, null), (left.Member, left.Changed, left.JoinedAt));
        Assert.Equal(["book-club"], left.Clubs);
        Assert.Equal((LedgerKinds.ClubLeft, "Left club coffee-club"), (m.LastEntry.Kind, m.LastEntry.Description));

        var sequence = m.State.LastSequence;
        Assert.False(m.Leave("coffee-club").Changed);
        Assert.False(m.Leave("never-joined").Changed);
        Assert.Equal(sequence, m.State.LastSequence);
    }

    [Fact]
    public void The_account_lists_clubs_in_the_order_they_were_joined()
    {
        var m = new TestMember();
        m.Join("zeta");
        m.AdvanceDays(1);
        m.Join("alpha");
        m.Join("Beta");
        Assert.Equal(["zeta", "Beta", "alpha"], m.Programme.View(m.State, "M-1", m.Now).Clubs);
    }

    [Fact]
    public void Only_an_enrolled_member_joins_a_club()
    {
        var programme = new Programme(ProgrammeOptions.Demo());
        TestMember.Rejected(programme.JoinClub(new MemberState(), "coffee-club", null, T0), RejectionCode.NotEnrolled);
        TestMember.Rejected(programme.LeaveClub(new MemberState(), "coffee-club", null, T0), RejectionCode.NotEnrolled);
    }

    [Theory]
    [InlineData("")]
    [InlineData("coffee club")]
    [InlineData("club/1")]
    public void A_malformed_club_id_is_a_programming_error(string clubId)
    {
        var m = new TestMember();
        Assert.Throws<ArgumentException>(() => m.Programme.JoinClub(m.State, clubId, null, m.Now));
        Assert.Throws<ArgumentException>(() => m.Programme.LeaveClub(m.State, clubId, null, m.Now));
    }

    [Fact]
    public void A_member_in_no_club_stores_no_club_table_and_one_in_a_club_stores_it_apart_from_the_copy()
    {
        var m = new TestMember();
        m.Buy(Item(5m));
        Assert.Empty(m.Programme.View(m.State, "M-1", m.Now).Clubs);
        Assert.Null(m.State.StoredClubs);
        Assert.Null(m.State.StoredPromotionUses);
        Assert.Empty(StoredState.RoundTrip(m.State).ClubsOrEmpty);

        m.Join("coffee-club");
        var copy = StoredState.Copy(m.State);
        m.Join("book-club");

        Assert.Equal(["coffee-club"], copy.ClubsOrEmpty.Keys);
        Assert.Equal([("coffee-club", T0), ("book-club", T0)], StoredState.RoundTrip(m.State).ClubsOrEmpty.Select(c => (c.Key, c.Value)));
        m.Leave("coffee-club");
        m.Leave("book-club");
        Assert.Null(m.State.StoredClubs);
        Assert.False(m.Leave("book-club").Changed);
    }
}
