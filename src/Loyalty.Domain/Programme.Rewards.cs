using System.Text.Json;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>The member's open rewards in the order they were issued, expired ones included until <see cref="Advance"/> closes them.</summary>
    internal static List<OpenReward> OpenRewards(MemberState s)
    {
        var count = 0;
        foreach (var batch in s.RewardBatches)
            count += batch.Count;
        var open = new List<OpenReward>(count);
        var inOrder = true;
        foreach (var batch in s.RewardBatches)
            for (var i = 0; i < batch.Count; i++)
            {
                var reward = batch[i];
                inOrder &= open.Count == 0 || open[^1].Number < reward.Number;
                open.Add(reward);
            }
        if (!inOrder) // several cards, or a clock that went back a day
            open.Sort(static (a, b) => a.Number.CompareTo(b.Number));
        return open;
    }

    internal static OpenReward? FindOpenReward(MemberState s, string rewardId)
    {
        if (!OpenReward.TryParseId(rewardId, out var cardId, out var number))
            return null;
        foreach (var batch in s.RewardBatches)
            if (string.Equals(batch.CardId, cardId, StringComparison.Ordinal) && batch.IndexOf(number) is var i and >= 0)
                return batch[i];
        return null;
    }

    /// <summary>
    /// <see cref="RewardStatus.Issued"/> for an open reward (even one past its expiry that <see cref="Advance"/> has not
    /// closed yet), how it closed for one closed within the transaction window, and null for any other id.
    /// </summary>
    internal static RewardStatus? RewardStatusOf(MemberState s, string rewardId)
    {
        if (FindOpenReward(s, rewardId) is not null)
            return RewardStatus.Issued;
        if (!OpenReward.TryParseId(rewardId, out var cardId, out var number))
            return null;
        foreach (var closed in s.ClosedRewards)
            if (string.Equals(closed.CardId, cardId, StringComparison.Ordinal) && closed.Numbers.Contains(number))
                return closed.Status;
        return null;
    }

    /// <summary>Keeps an issued reward in the batch of its card and expiry day; batches stay in expiry-day order.</summary>
    private static void AddReward(MemberState s, OpenReward reward)
    {
        var day = Day(reward.ExpiresAt);
        var batch = s.RewardBatches.FindLast(b => b.ExpiresOn == day && string.Equals(b.CardId, reward.CardId, StringComparison.Ordinal));
        if (batch is null)
        {
            batch = new RewardBatch { CardId = reward.CardId, ExpiresOn = day };
            var later = s.RewardBatches.FindIndex(b => b.ExpiresOn > day);
            s.RewardBatches.Insert(later < 0 ? s.RewardBatches.Count : later, batch);
        }
        batch.Add(reward.Number, reward.ExpiresAt);
    }

    /// <summary>Takes an open reward out of its batch and remembers how it closed.</summary>
    private static void CloseReward(MemberState s, OpenReward reward, RewardStatus status, DateOnly closedOn)
    {
        var batch = s.RewardBatches.Find(b => b.ExpiresOn == Day(reward.ExpiresAt)
            && string.Equals(b.CardId, reward.CardId, StringComparison.Ordinal))!;
        batch.RemoveAt(batch.IndexOf(reward.Number));
        if (batch.Count == 0)
            s.RewardBatches.Remove(batch);

        var closed = s.ClosedRewards.FindLast(c => c.Status == status && c.ClosedOn == closedOn
            && string.Equals(c.CardId, reward.CardId, StringComparison.Ordinal));
        if (closed is null)
        {
            closed = new ClosedRewards { CardId = reward.CardId, Status = status, ClosedOn = closedOn };
            s.ClosedRewards.Add(closed);
        }
        closed.Numbers.Add(reward.Number);
    }

    /// <summary>Closes the open rewards whose expiry has come, and returns them in the order they were issued.</summary>
    private static List<OpenReward> ExpireRewards(MemberState s, DateTimeOffset now)
    {
        var today = Day(now);
        var expired = new List<OpenReward>();
        foreach (var batch in s.RewardBatches)
        {
            if (batch.ExpiresOn > today)
                break;
            for (var i = 0; i < batch.Count; i++)
                if (batch[i].ExpiresAt <= now)
                    expired.Add(batch[i]);
        }
        expired.Sort((a, b) => a.Number.CompareTo(b.Number));
        foreach (var reward in expired)
            CloseReward(s, reward, RewardStatus.Expired, Day(reward.ExpiresAt));
        return expired;
    }

    /// <summary>Forgets the rewards that closed on a day before <paramref name="day"/>.</summary>
    private static bool ForgetClosedRewards(MemberState s, DateOnly day) => s.ClosedRewards.RemoveAll(c => c.ClosedOn < day) > 0;

    /// <summary>
    /// A reward as tills and apps see it. Kind and description are the card's; for a card no longer configured, the
    /// default kind of a stamp card reward and the card id.
    /// </summary>
    internal RewardView ViewOf(OpenReward reward)
    {
        StampCardRule? card = null;
        foreach (var c in _options.StampCards)
            if (string.Equals(c.CardId, reward.CardId, StringComparison.Ordinal))
                card = c;
        return new RewardView(reward.RewardId, card?.RewardKind ?? new StampCardRule().RewardKind,
            card?.RewardDescription ?? reward.CardId, reward.ExpiresAt);
    }

    private static string RewardDetailsJson(RewardView reward) =>
        JsonSerializer.Serialize(new RewardDetails(reward.RewardId, reward.Kind, reward.Description, reward.ExpiresAt), DetailsJson.Options);
}
