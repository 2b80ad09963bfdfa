using Loyalty.Domain;
using Loyalty.Domain.Identity;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests.BackOffice;

/// <summary>The steps of a merge: each idempotent on the merge's transaction id, and the refusals, which change nothing.</summary>
public class MergeStepTests
{
    [Fact]
    public void A_frozen_source_hands_over_the_same_snapshot_when_asked_again_and_stays_as_it_was()
    {
        var p = new MergePair();
        p.Source.Buy(Item(30m), Coffee(2));
        var first = TestMember.Ok(p.Freeze(identifiers: MemberIdentifier.Card("4000000000000002")));
        p.AdvanceDays(400); // long after: the frozen source expires nothing

        var again = TestMember.Ok(p.Freeze());

        Assert.Same(first, again);
        Assert.Equal(36, first.Balance);
        Assert.Equal(36, p.Source.Balance);
        Assert.Empty(p.Source.Entries(LedgerKinds.PointsExpired));
        Assert.Single(first.Identifiers);
    }

    [Fact]
    public void A_frozen_source_refuses_another_merge()
    {
        var p = new MergePair();
        p.Source.Buy(Item(30m));
        TestMember.Ok(p.Freeze());

        TestMember.Rejected(p.Freeze("MRG-2"), RejectionCode.SourceAlreadyMerged);
        TestMember.Rejected(p.Freeze("MRG-1", "M-OTHER"), RejectionCode.SourceAlreadyMerged);
    }

    [Fact]
    public void The_target_takes_a_snapshot_in_once_and_answers_a_replay_with_the_original_outcome()
    {
        var p = new MergePair();
        p.Source.Buy(Item(30m));
        var snapshot = TestMember.Ok(p.Freeze());
        var first = TestMember.Ok(p.Apply(snapshot));
        var before = StateSnapshot.Of(p.Target.State);

        var again = TestMember.Ok(p.Apply(snapshot));

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first with { Duplicate = true }, again);
        Assert.Equal(before, StateSnapshot.Of(p.Target.State));
    }

    [Fact]
    public void A_replay_is_recognised_after_the_target_rebuilt_its_transactions_from_the_ledger()
    {
        var p = new MergePair();
        p.Source.Buy(Item(30m));
        var snapshot = TestMember.Ok(p.Freeze());
        var first = TestMember.Ok(p.Apply(snapshot));
        p.Programme.Recall(p.Target.State, p.Target.State.Outbox, p.Now);
        var before = StateSnapshot.Of(p.Target.State);

        var again = TestMember.Ok(p.Apply(snapshot));

        Assert.Equal(first with { Duplicate = true }, again);
        Assert.Equal(before, StateSnapshot.Of(p.Target.State));
    }

    [Fact]
    public void The_same_transaction_id_for_another_source_is_refused()
    {
        var p = new MergePair();
        p.Source.Buy(Item(30m));
        p.Target.BuyAs("P-TARGET", Item(10m));
        p.Merge();
        var before = StateSnapshot.Of(p.Target.State);

        var other = p.Programme.CheckMerge(p.Target.State, MergePair.TargetId, new MemberMerge("MRG-1", "M-THIRD"), p.Now);

        TestMember.Rejected(other!, RejectionCode.TransactionIdReused);
        TestMember.Rejected(p.Programme.CheckMerge(p.Target.State, MergePair.TargetId, new MemberMerge("P-TARGET", MergePair.SourceId), p.Now)!,
            RejectionCode.TransactionIdReused);
        Assert.Equal(before, StateSnapshot.Of(p.Target.State));
    }

    [Fact]
    public void A_merge_into_itself_and_into_a_member_not_enrolled_are_refused()
    {
        var p = new MergePair();
        TestMember.Rejected(p.Programme.CheckMerge(p.Target.State, MergePair.TargetId, new MemberMerge("MRG-1", MergePair.TargetId), p.Now)!,
            RejectionCode.MergeIntoSelf);
        TestMember.Rejected(p.Programme.CheckMerge(new MemberState(), MergePair.TargetId, new MemberMerge("MRG-1", MergePair.SourceId), p.Now)!,
            RejectionCode.NotEnrolled);
        Assert.Null(p.Programme.CheckMerge(p.Target.State, MergePair.TargetId, new MemberMerge("MRG-1", MergePair.SourceId), p.Now));
    }

    [Fact]
    public void A_source_not_enrolled_is_refused_and_stays_unfrozen()
    {
        var p = new MergePair();
        var stranger = new MemberState();

        TestMember.Rejected(p.Programme.FreezeForMerge(stranger, "M-NOBODY", MergePair.TargetId, new MemberMerge("MRG-1", "M-NOBODY"), [], p.Now),
            RejectionCode.MergeSourceNotEnrolled);
        Assert.Null(stranger.MergeOut);
    }

    [Fact]
    public void A_target_that_was_merged_away_refuses_to_take_a_member_in()
    {
        var p = new MergePair();
        var third = new TestMember();
        TestMember.Ok(p.Programme.FreezeForMerge(p.Target.State, MergePair.TargetId, "M-THIRD", new MemberMerge("MRG-0", MergePair.TargetId), [], p.Now));
        var snapshot = TestMember.Ok(p.Freeze());
        var before = StateSnapshot.Of(p.Target.State);

        TestMember.Rejected(p.Apply(snapshot), RejectionCode.MemberMergedAway);
        Assert.Equal(before, StateSnapshot.Of(p.Target.State));
        Assert.True(third.State.Enrolled);
    }

    [Fact]
    public void Completing_empties_the_source_once_and_remembers_the_target_for_good()
    {
        var p = new MergePair();
        p.Source.Buy(Item(30m), Coffee(3));
        var snapshot = TestMember.Ok(p.Freeze());
        TestMember.Ok(p.Apply(snapshot));
        TestMember.Ok(p.Complete());
        var before = StateSnapshot.Of(p.Source.State);

        TestMember.Ok(p.Complete());
        p.AdvanceDays(1000);

        Assert.Equal(before, StateSnapshot.Of(p.Source.State));
        Assert.Equal(MergePair.TargetId, p.Source.State.MergedInto);
        Assert.Same(snapshot, p.Source.State.MergeOut);
        Assert.Single(p.Source.Entries(LedgerKinds.MergedOut));
        TestMember.Rejected(p.Complete("MRG-OTHER"), RejectionCode.SourceAlreadyMerged);
    }

    [Fact]
    public void The_sources_ledger_remembers_the_merge_transaction()
    {
        var p = new MergePair();
        p.Source.Buy(Item(30m));
        p.Merge();

        p.Programme.Recall(p.Source.State, p.Source.State.Outbox, p.Now);

        var record = p.Source.State.Transactions["MRG-1"];
        Assert.Equal(MergePair.TargetId, record.Merge!.MemberId);
        Assert.Equal(30, record.Merge.PointsMoved);
        Assert.Null(record.Purchase);
    }
}
