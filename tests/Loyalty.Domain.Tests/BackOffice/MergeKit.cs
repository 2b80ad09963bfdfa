using Loyalty.Domain;
using Loyalty.Domain.Identity;

namespace Loyalty.Domain.Tests.BackOffice;

/// <summary>Two members of one programme and the three steps of a merge between them, as the member grains run them.</summary>
internal sealed class MergePair
{
    public MergePair(ProgrammeOptions? options = null)
    {
        Target = new TestMember(options);
        Source = new TestMember(options);
    }

    public const string TargetId = "M-TARGET";
    public const string SourceId = "M-SOURCE";

    public TestMember Target { get; }
    public TestMember Source { get; }
    public Programme Programme => Target.Programme;

    public DateTimeOffset Now
    {
        get => Target.Now;
        set => (Target.Now, Source.Now) = (value, value);
    }

    public void AdvanceDays(double days)
    {
        Target.AdvanceDays(days);
        Source.AdvanceDays(days);
    }

    public Result<MergeSnapshot> Freeze(string transactionId = "MRG-1", string targetId = TargetId, params MemberIdentifier[] identifiers) =>
        Programme.FreezeForMerge(Source.State, SourceId, targetId, new MemberMerge(transactionId, SourceId), identifiers, Now);

    public Result<MergeOutcome> Apply(MergeSnapshot snapshot)
    {
        Target.RecallFromLedger(snapshot.TransactionId);
        return Programme.ApplyMerge(Target.State, TargetId, snapshot, Now);
    }

    public Result<MergeSnapshot> Complete(string transactionId = "MRG-1") => Programme.CompleteMergeOut(Source.State, transactionId, Now);

    /// <summary>All three steps, each expected to succeed; the target's outcome.</summary>
    public MergeOutcome Merge(string transactionId = "MRG-1")
    {
        var snapshot = TestMember.Ok(Freeze(transactionId));
        var outcome = TestMember.Ok(Apply(snapshot));
        TestMember.Ok(Complete(transactionId));
        return outcome;
    }
}
