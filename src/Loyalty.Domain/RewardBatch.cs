namespace Loyalty.Domain;

/// <summary>
/// The open rewards of one stamp card that expire on the same UTC day, stored compactly: a reward is its number and
/// its expiry time within the day, a few bytes each. Kind and description come from the card's configuration.
/// </summary>
[GenerateSerializer, Alias("loyalty.reward-batch")]
public sealed class RewardBatch
{
    [Id(0)] public string CardId { get; set; } = "";
    /// <summary>The UTC day on which every reward of the batch expires.</summary>
    [Id(1)] public DateOnly ExpiresOn { get; set; }
    /// <summary>The rewards' numbers, ascending (the order they were issued in).</summary>
    [Id(2)] public List<long> Numbers { get; set; } = [];
    /// <summary>At the index of each number: its expiry instant, in ticks after the start (UTC) of <see cref="ExpiresOn"/>.</summary>
    [Id(3)] public List<long> ExpiryTicks { get; set; } = [];

    public int Count => Numbers.Count;

    public OpenReward this[int index] => new(CardId, Numbers[index], new DateTimeOffset(StartTicks + ExpiryTicks[index], TimeSpan.Zero));

    /// <summary>The index of a reward's number, or a negative number when the batch does not hold it.</summary>
    public int IndexOf(long number) => Numbers.BinarySearch(number);

    public void Add(long number, DateTimeOffset expiresAt)
    {
        var ticks = expiresAt.UtcTicks - StartTicks;
        if (ticks is < 0 or >= TimeSpan.TicksPerDay)
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, $"The batch holds rewards that expire on {ExpiresOn:yyyy-MM-dd} (UTC).");
        var index = IndexOf(number);
        if (index >= 0)
            throw new ArgumentException($"Reward {CardId}-{number} is already in the batch.", nameof(number));
        Numbers.Insert(~index, number);
        ExpiryTicks.Insert(~index, ticks);
    }

    public void RemoveAt(int index)
    {
        Numbers.RemoveAt(index);
        ExpiryTicks.RemoveAt(index);
    }

    private long StartTicks => ExpiresOn.DayNumber * TimeSpan.TicksPerDay;
}
