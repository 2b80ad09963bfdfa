using Loyalty.Domain;
using Loyalty.Domain.Identity;
using Loyalty.Domain.Privacy;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests.Privacy;

/// <summary>
/// The erasure's steps in the state: the personal data goes, the amounts stay, the entries not yet in the ledger lose the
/// texts, and done again it changes nothing; its completion forgets what the other steps had to remove.
/// </summary>
public class ErasureTests
{
    private static readonly MemberIdentifier Card = MemberIdentifier.Card("4000000000000002");

    private static TestMember Member()
    {
        var m = new TestMember();
        m.Programme.Enrol(m.State, new MemberProfile("Ada Lovelace", "ada@example.org", new DateOnly(1990, 12, 10), "+442079460123"), m.Now);
        return m;
    }

    [Fact]
    public void The_profile_goes_the_amounts_stay_and_an_entry_tells_the_watchers()
    {
        var m = Member();
        m.Buy(Item(30m), Coffee(2));
        var (balance, lots, spend, sequence) = (m.Balance, m.State.Lots.Sum(l => l.Points), m.State.LifetimeSpend, m.State.LastSequence);

        var erasure = m.Programme.Erase(m.State, [Card], m.Now);

        Assert.Null(m.State.Profile);
        Assert.Equal((balance, lots, spend), (m.Balance, m.State.Lots.Sum(l => l.Points), m.State.LifetimeSpend));
        Assert.Equal(["Ada Lovelace", "ada@example.org", "+442079460123"], erasure.Texts);
        Assert.Equal([Card, MemberIdentifier.Email("ada@example.org"), MemberIdentifier.Phone("+442079460123")], erasure.Identifiers);
        var last = m.State.Outbox[^1];
        Assert.Equal((sequence + 1, LedgerKinds.MemberErased, 0L, balance), (last.Sequence, last.Kind, last.Points, last.Balance));
        Assert.False(erasure.Done);
    }

    [Fact]
    public void The_entries_not_yet_in_the_ledger_lose_the_personal_texts()
    {
        var m = Member();
        m.Buy(Item(30m));

        m.Programme.Erase(m.State, [], m.Now);

        Assert.Contains(m.State.Outbox, e => e is { Kind: LedgerKinds.Enrolled, Description: "Enrolled as [erased]" });
        Assert.DoesNotContain(m.State.Outbox, e => e.Description.Contains("Ada", StringComparison.OrdinalIgnoreCase)
            || (e.Details ?? "").Contains("ada@", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Done_again_it_changes_nothing_and_answers_the_first_erasure()
    {
        var m = Member();
        var first = m.Programme.Erase(m.State, [Card], m.Now);
        var sequence = m.State.LastSequence;

        var again = m.Programme.Erase(m.State, [], m.Now.AddHours(1));

        Assert.Same(first, again);
        Assert.Equal(sequence, m.State.LastSequence);
    }

    [Fact]
    public void Completing_it_forgets_what_the_other_steps_removed_and_done_again_changes_nothing()
    {
        var m = Member();
        var erasure = m.Programme.Erase(m.State, [Card], m.Now);

        Programme.CompleteErasure(m.State);
        var completed = m.State.Erasure;
        Programme.CompleteErasure(m.State);

        Assert.Equal((erasure.ErasedAt, true), (completed!.ErasedAt, completed.Done));
        Assert.Empty(completed.Texts);
        Assert.Empty(completed.Identifiers);
        Assert.Same(completed, m.State.Erasure);
    }

    [Fact]
    public void A_member_merged_away_forgets_the_identifiers_its_snapshot_kept()
    {
        var m = Member();
        m.State.MergeOut = new MergeSnapshot("MRG-1", "M-1", "M-2", m.Now, [], 0, new Dictionary<string, int>(), [],
            new Dictionary<DateOnly, decimal>(), 0, null, new Dictionary<string, DateTimeOffset>(), new Dictionary<string, int>(), "Bronze", null,
            [Card, MemberIdentifier.Email("ada@example.org")], []);

        m.Programme.Erase(m.State, [], m.Now);

        Assert.Empty(m.State.MergeOut.Identifiers);
        Assert.Equal("MRG-1", m.State.MergeOut.TransactionId);
    }
}

/// <summary>How personal texts are taken out of the ledger's descriptions and details.</summary>
public class ErasedTextsTests
{
    [Theory]
    [InlineData("Enrolled as Ada Lovelace", "Enrolled as [erased]")]
    [InlineData("Enrolled as ADA LOVELACE", "Enrolled as [erased]")]
    [InlineData("Note for ada lovelace.", "Note for [erased].")]
    [InlineData("Ada Lovelaces", "Ada Lovelaces")] // whole words only
    public void A_description_loses_the_texts_in_any_letter_case_as_whole_words(string description, string erased) =>
        Assert.Equal(erased, ErasedTexts.Without(description, ["Ada Lovelace"]));

    [Fact]
    public void Details_lose_the_texts_in_their_string_values_only_and_stay_the_same_json()
    {
        const string Details = """{"reason":"goodwill","note":"Called by Ada (ada@example.org)","by":"Ada","ada":1}""";

        var erased = ErasedTexts.DetailsWithout(Details, ["Ada", "ada@example.org"]);

        Assert.Equal("""{"reason":"goodwill","note":"Called by [erased] ([erased])","by":"[erased]","ada":1}""", erased);
    }

    [Fact]
    public void Details_without_the_texts_are_the_same_string()
    {
        const string Details = """{"reason":"goodwill", "note":"none"}""";

        Assert.Same(Details, ErasedTexts.DetailsWithout(Details, ["Ada"]));
    }

    [Fact]
    public void Escaped_texts_in_details_are_found_too()
    {
        var erased = ErasedTexts.DetailsWithout("""{"note":"Zoë \u003CVIP\u003E"}""", ["Zoë"]);

        Assert.Equal("""{"note":"[erased] \u003CVIP\u003E"}""", erased);
    }
}
