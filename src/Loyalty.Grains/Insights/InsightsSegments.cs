using System.Collections.Frozen;
using Loyalty.Domain;
using Loyalty.Domain.Insights;
using Loyalty.Grains.Promotions;
using Loyalty.Storage.Insights;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Grains.Insights;

/// <summary>
/// This node's copy of the members' segments, for promotions aimed at a segment: <c>at-risk</c> and <c>lapsed</c> as
/// the read model holds them, and <c>top</c>, the first <c>TopShare</c> of the members with a 12-month spend, by that
/// spend. <see cref="InsightsSegmentsRefresher"/> reloads it every <c>SegmentRefreshSeconds</c>; purchases read it
/// without waiting.
/// </summary>
public sealed partial class InsightsSegments(IInsightsReadModel readModel, IOptions<InsightsOptions> options, ILogger<InsightsSegments> logger)
    : IMemberSegments
{
    private volatile FrozenDictionary<string, IReadOnlySet<string>> _members = FrozenDictionary<string, IReadOnlySet<string>>.Empty;

    public IReadOnlySet<string>? SegmentsOf(string memberId) => _members.GetValueOrDefault(memberId);

    /// <summary>How many members are in some segment, as last loaded.</summary>
    public int Count => _members.Count;

    /// <summary>Loads the segments from the read model and swaps them in.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var stored = await readModel.SegmentMembersAsync(cancellationToken);
        var totals = await readModel.SpendTotalsAsync(cancellationToken);
        var top = await readModel.TopMemberIdsAsync((long)Math.Ceiling(totals.Members * options.Value.TopShare), cancellationToken);

        // Members share one set per combination of segments: a node holds a few sets, not one per member.
        var shared = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        IReadOnlySet<string> Shared(IEnumerable<string> segments)
        {
            var sorted = segments.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var key = string.Join(',', sorted);
            if (!shared.TryGetValue(key, out var set))
                shared[key] = set = sorted.ToFrozenSet(StringComparer.Ordinal);
            return set;
        }
        var members = stored.ToDictionary(m => m.Key, m => Shared(m.Value), StringComparer.Ordinal);
        foreach (var id in top)
            members[id] = Shared(members.TryGetValue(id, out var other) ? other.Append(MemberSegments.Top) : [MemberSegments.Top]);
        _members = members.ToFrozenDictionary(StringComparer.Ordinal);
        LogLoaded(logger, members.Count, top.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Segments loaded: {Members} member(s) in a segment, {Top} of them top")]
    private static partial void LogLoaded(ILogger logger, int members, int top);
}
