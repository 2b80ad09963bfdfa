using Loyalty.Domain;
using Loyalty.Domain.Insights;

namespace Loyalty.Storage.Insights;

/// <summary>A member's mark for the projector: projected again while its version is unchanged.</summary>
internal sealed record DirtyMark(string MemberId, long Version);

/// <summary>A member's row as the projector reads it back: its revision and its facts.</summary>
internal sealed record StoredMember(string MemberId, long Revision, string Facts);

/// <summary>
/// Members' purchases and refunds after the sequence their facts reflect, and the members with a purchase repeating the
/// transaction id of an earlier one (only a full read counts those right).
/// </summary>
internal sealed record NewSales(Dictionary<string, List<LedgerEntry>> Entries, HashSet<string> Repeating);

/// <summary>
/// A member row to write. With <see cref="ExpectedRevision"/> it replaces the row only while the row still has that
/// revision; without, it is inserted only while there is none. When it is written, <see cref="Delta"/> is added to the
/// month counts and the member's mark is deleted if its version is still <see cref="DirtyVersion"/>, all in one transaction.
/// </summary>
internal sealed record InsightsMemberWrite(string MemberId, long? ExpectedRevision, string Facts, DateTimeOffset EvaluatedAt,
    MemberEvaluation Evaluation, IReadOnlyDictionary<int, RetentionCounts> Delta, long? DirtyVersion);
