using System.Text.Json;
using Loyalty.Domain;

namespace Loyalty.Grains.Watching;

/// <summary>Turns the ledger entries a command produced into the events watchers receive.</summary>
internal static class MemberEventFactory
{
    public static MemberEvent From(LedgerEntry e, string tier) => e.Kind switch
    {
        LedgerKinds.RewardIssued => new MemberEvent(e.Sequence, e.Kind, e.At, e.TransactionId, 0, e.Balance, tier, Reward(e.Details), null),
        // The member's everything went to another: watchers re-read, and follow that member (see MemberEvent.SyncKind).
        LedgerKinds.MergedOut => new MemberEvent(e.Sequence, MemberEvent.SyncKind, e.At, e.TransactionId, e.Points, e.Balance, tier, null, null,
            Property(e.Details, "targetMemberId")),
        LedgerKinds.TierChanged => new MemberEvent(e.Sequence, e.Kind, e.At, e.TransactionId, 0, e.Balance, To(e.Details) ?? tier, null, From(e.Details)),
        _ => new MemberEvent(e.Sequence, e.Kind, e.At, e.TransactionId, e.Points, e.Balance, tier, null, null),
    };

    private static RewardView? Reward(string? details)
    {
        if (details is null)
            return null;
        using var json = JsonDocument.Parse(details);
        var r = json.RootElement;
        return new RewardView(r.GetProperty("rewardId").GetString()!, r.GetProperty("kind").GetString()!,
            r.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "", r.GetProperty("expiresAt").GetDateTimeOffset(),
            r.TryGetProperty("count", out var c) ? c.GetInt32() : 1); // one event per group of rewards issued, with its count
    }

    private static string? From(string? details) => Property(details, "from");

    private static string? To(string? details) => Property(details, "to");

    private static string? Property(string? details, string name)
    {
        if (details is null)
            return null;
        using var json = JsonDocument.Parse(details);
        return json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
