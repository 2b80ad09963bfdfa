namespace Loyalty.Domain;

/// <summary>
/// The open rewards of one stamp card that expire on the same UTC day, stored compactly as groups: a group is its
/// number (which makes its id), its expiry time within the day and how many rewards it holds. A reward issued into a
/// batch joins its last group, so a batch is one group however many rewards the member earns that day; a group's
/// rewards expire together, at the latest expiry of those that joined it. Kind and description come from the card's
/// configuration.
/// </summary>
/// <remarks>
/// States stored before rewards were counted have one group of one reward per number and no <see cref="Counts"/>:
/// they load unchanged, each old reward keeping its id.
/// </remarks>
[GenerateSerializer, Alias("loyalty.reward-batch")]
public sealed class RewardBatch
{
    [Id(0)] public string CardId { get; set; } = "";
    /// <summary>The UTC day on which every reward of the batch expires.</summary>
    [Id(1)] public DateOnly ExpiresOn { get; set; }
    /// <summary>The groups' numbers, ascending (the order they were issued in).</summary>
    [Id(2)] public List<long> Numbers { get; set; } = [];
    /// <summary>At the index of each number: its expiry instant, in ticks after the start (UTC) of <see cref="ExpiresOn"/>.</summary>
    [Id(3)] public List<long> ExpiryTicks { get; set; } = [];
    /// <summary>At the index of each number: how many open rewards the group holds; empty when every group holds one.</summary>
    [Id(4)] public List<int> Counts { get; set; } = [];

    public int Count => Numbers.Count;

    public OpenReward this[int index] =>
        new(CardId, Numbers[index], new DateTimeOffset(StartTicks + ExpiryTicks[index], TimeSpan.Zero), CountAt(index));

    /// <summary>The index of a group's number, or a negative number when the batch does not hold it.</summary>
    public int IndexOf(long number) => Numbers.BinarySearch(number);

    /// <summary>
    /// Adds <paramref name="count"/> rewards: to the last group, whose expiry becomes the later of the two, or to a new
    /// group numbered <paramref name="number"/> when the batch is empty. Returns the group's index.
    /// </summary>
    public int Add(long number, DateTimeOffset expiresAt, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var ticks = expiresAt.UtcTicks - StartTicks;
        if (ticks is < 0 or >= TimeSpan.TicksPerDay)
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, $"The batch holds rewards that expire on {ExpiresOn:yyyy-MM-dd} (UTC).");
        FillCounts();
        if (Count > 0)
        {
            Counts[^1] += count;
            ExpiryTicks[^1] = Math.Max(ExpiryTicks[^1], ticks);
            return Count - 1;
        }
        Numbers.Add(number);
        ExpiryTicks.Add(ticks);
        Counts.Add(count);
        return 0;
    }

    /// <summary>Takes <paramref name="count"/> rewards out of a group; true when that emptied it, and it is gone.</summary>
    public bool Take(int index, int count)
    {
        var left = CountAt(index) - count;
        if (left < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Group {CardId}-{Numbers[index]} holds {CountAt(index)} reward(s).");
        if (left > 0)
        {
            FillCounts();
            Counts[index] = left;
            return false;
        }
        Numbers.RemoveAt(index);
        ExpiryTicks.RemoveAt(index);
        if (Counts.Count > 0)
            Counts.RemoveAt(index);
        return true;
    }

    /// <summary>
    /// Gives one reward back to the group numbered <paramref name="number"/>: one more in it when it is open, else the
    /// group opens again, with one reward, expiring at <paramref name="expiresAt"/>.
    /// </summary>
    public void GiveBack(long number, DateTimeOffset expiresAt)
    {
        var index = IndexOf(number);
        if (index >= 0)
        {
            FillCounts();
            Counts[index]++;
            return;
        }
        var ticks = expiresAt.UtcTicks - StartTicks;
        if (ticks is < 0 or >= TimeSpan.TicksPerDay)
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, $"The batch holds rewards that expire on {ExpiresOn:yyyy-MM-dd} (UTC).");
        index = ~index;
        Numbers.Insert(index, number);
        ExpiryTicks.Insert(index, ticks);
        if (Counts.Count > 0)
            Counts.Insert(index, 1);
    }

    private int CountAt(int index) => Counts.Count == 0 ? 1 : Counts[index];

    /// <summary>Gives a batch stored before rewards were counted its counts (one per group).</summary>
    private void FillCounts()
    {
        while (Counts.Count < Numbers.Count)
            Counts.Add(1);
    }

    private long StartTicks => ExpiresOn.DayNumber * TimeSpan.TicksPerDay;
}
