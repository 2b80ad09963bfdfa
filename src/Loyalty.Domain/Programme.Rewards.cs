using System.Globalization;
using System.Text.Json;

namespace Loyalty.Domain;

public sealed partial class Programme
{
    /// <summary>The member's open reward groups in the order they were issued, expired ones included until <see cref="Advance"/> closes them.</summary>
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
        return number <= s.ForgottenClosedRewards?.UpTo ? RewardStatus.Closed : null;
    }

    /// <summary>
    /// Keeps <paramref name="count"/> issued rewards in the batch of their card and expiry day (batches stay in
    /// expiry-day order), and returns the group they joined, with <paramref name="count"/> as its count.
    /// </summary>
    private static OpenReward AddRewards(MemberState s, string cardId, long number, DateTimeOffset expiresAt, int count)
    {
        var day = Day(expiresAt);
        var batch = s.RewardBatches.FindLast(b => b.ExpiresOn == day && string.Equals(b.CardId, cardId, StringComparison.Ordinal));
        if (batch is null)
        {
            batch = new RewardBatch { CardId = cardId, ExpiresOn = day };
            var later = s.RewardBatches.FindIndex(b => b.ExpiresOn > day);
            s.RewardBatches.Insert(later < 0 ? s.RewardBatches.Count : later, batch);
        }
        return batch[batch.Add(number, expiresAt, count)] with { Count = count };
    }

    /// <summary>Takes <paramref name="count"/> rewards out of an open group and, once it is empty, remembers how it closed.</summary>
    private static void CloseReward(MemberState s, OpenReward reward, RewardStatus status, DateOnly closedOn, int count = 1)
    {
        var batch = s.RewardBatches.Find(b => b.ExpiresOn == Day(reward.ExpiresAt)
            && string.Equals(b.CardId, reward.CardId, StringComparison.Ordinal))!;
        if (!batch.Take(batch.IndexOf(reward.Number), count))
            return;
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
        LetGoOfClosedRewards(s);
    }

    /// <summary>
    /// Beyond <see cref="ClosedRewardLimit.MaxRemembered"/> closed groups, lets go of the lowest numbers, keeping only
    /// the highest of them (<see cref="MemberState.ForgottenClosedRewards"/>): the state stays the same size however
    /// many rewards the member uses in a transaction window.
    /// </summary>
    private static void LetGoOfClosedRewards(MemberState s)
    {
        var count = 0;
        foreach (var closed in s.ClosedRewards)
            count += closed.Numbers.Count;
        for (; count > ClosedRewardLimit.MaxRemembered; count--)
        {
            var lowest = s.ClosedRewards[0];
            var at = 0;
            foreach (var closed in s.ClosedRewards)
                for (var i = 0; i < closed.Numbers.Count; i++)
                    if (closed.Numbers[i] < lowest.Numbers[at])
                        (lowest, at) = (closed, i);
            var forgotten = s.ForgottenClosedRewards ??= new ForgottenClosedRewards { UpTo = long.MinValue, LastClosedOn = DateOnly.MinValue };
            forgotten.UpTo = Math.Max(forgotten.UpTo, lowest.Numbers[at]);
            if (lowest.ClosedOn > forgotten.LastClosedOn)
                forgotten.LastClosedOn = lowest.ClosedOn;
            lowest.Numbers.RemoveAt(at);
            if (lowest.Numbers.Count == 0)
                s.ClosedRewards.Remove(lowest);
        }
    }

    /// <summary>Closes the open groups whose expiry has come, whole, and returns them in the order they were issued.</summary>
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
            CloseReward(s, reward, RewardStatus.Expired, Day(reward.ExpiresAt), reward.Count);
        return expired;
    }

    /// <summary>Forgets the rewards that closed on a day before <paramref name="day"/>.</summary>
    private static bool ForgetClosedRewards(MemberState s, DateOnly day)
    {
        var changed = s.ClosedRewards.RemoveAll(c => c.ClosedOn < day) > 0;
        if (s.ForgottenClosedRewards is { } forgotten && forgotten.LastClosedOn < day)
            (s.ForgottenClosedRewards, changed) = (null, true);
        return changed;
    }

    /// <summary>
    /// A group of rewards as tills and apps see it, with its count. Kind and description are the card's; for a card no
    /// longer configured, the default kind of a stamp card reward and the card id.
    /// </summary>
    internal RewardView ViewOf(OpenReward reward)
    {
        StampCardRule? card = null;
        foreach (var c in _options.StampCards)
            if (string.Equals(c.CardId, reward.CardId, StringComparison.Ordinal))
                card = c;
        return new RewardView(reward.RewardId, card?.RewardKind ?? new StampCardRule().RewardKind,
            card?.RewardDescription ?? reward.CardId, reward.ExpiresAt, reward.Count);
    }

    private static string RewardDetailsJson(RewardView reward) =>
        JsonSerializer.Serialize(new RewardDetails(reward.RewardId, reward.Kind, reward.Description, reward.ExpiresAt,
            reward.Count == 1 ? null : reward.Count), DetailsJson.Options);

    /// <summary>A ledger entry's description of a group: "Free coffee" for one reward, "3 × Free coffee" for more.</summary>
    private static string Counted(RewardView reward) =>
        reward.Count == 1 ? reward.Description : string.Create(CultureInfo.InvariantCulture, $"{reward.Count} × {reward.Description}");
}
