using Loyalty.Domain;

namespace Loyalty.Domain.Tests;

/// <summary>The member's spend per day (<see cref="DailySpendTable"/>): a dictionary kept in day order in one array.</summary>
public class DailySpendTableTests
{
    private static readonly DateOnly D = new(2027, 3, 1);

    [Fact]
    public void Days_come_out_in_order_whatever_order_they_went_in()
    {
        var table = new DailySpendTable { [D.AddDays(5)] = 5m, [D] = 1m, [D.AddDays(9)] = 9m, [D.AddDays(2)] = 2m };
        table[D.AddDays(2)] += 0.5m;

        Assert.Equal([(D, 1m), (D.AddDays(2), 2.5m), (D.AddDays(5), 5m), (D.AddDays(9), 9m)], table.Select(p => (p.Key, p.Value)));
        Assert.Equal(4, table.Count);
        Assert.Equal(17.5m, table.Values.Sum());
        Assert.Equal(0m, table.GetValueOrDefault(D.AddDays(1)));
        Assert.False(table.ContainsKey(D.AddDays(1)));
        Assert.Throws<KeyNotFoundException>(() => table[D.AddDays(1)]);
        Assert.Throws<ArgumentException>(() => table.Add(D, 3m));
    }

    [Fact]
    public void Removing_a_day_keeps_the_others_in_order()
    {
        var table = new DailySpendTable { [D] = 1m, [D.AddDays(1)] = 2m, [D.AddDays(2)] = 3m };

        Assert.True(table.Remove(D.AddDays(1)));
        Assert.False(table.Remove(D.AddDays(1)));

        Assert.Equal([D, D.AddDays(2)], table.Keys);
        table[D.AddDays(1)] = 7m;
        Assert.Equal([1m, 7m, 3m], table.Values);
    }

    [Theory]
    [InlineData(-1, 4)] // before the first day: nothing removed
    [InlineData(0, 3)] // the first day itself
    [InlineData(4, 2)] // a day between two days
    [InlineData(20, 0)] // after the last: all
    public void Removing_through_a_day_removes_that_day_and_every_day_before_it(int through, int left)
    {
        var table = new DailySpendTable { [D] = 1m, [D.AddDays(3)] = 2m, [D.AddDays(10)] = 3m, [D.AddDays(11)] = 4m };

        Assert.Equal(left < 4, table.RemoveThrough(D.AddDays(through)));

        Assert.Equal(left, table.Count);
        Assert.All(table.Keys, day => Assert.True(day > D.AddDays(through)));
        Assert.Equal(new[] { 1m, 2m, 3m, 4m }.TakeLast(left), table.Values);
    }

    [Fact]
    public void Changing_the_table_while_enumerating_it_throws_rather_than_skipping_a_day()
    {
        var table = new DailySpendTable { [D] = 1m, [D.AddDays(1)] = 2m };

        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var (day, _) in table)
                table.Remove(day);
        });
    }

    [Fact]
    public void A_thousand_days_in_random_order_read_back_as_a_dictionary_of_them_would()
    {
        var random = new Random(7);
        var table = new DailySpendTable();
        var expected = new Dictionary<DateOnly, decimal>();
        for (var i = 0; i < 1000; i++)
        {
            var day = D.AddDays(random.Next(400));
            var amount = random.Next(1, 10_000) / 100m;
            table[day] = table.GetValueOrDefault(day) + amount;
            expected[day] = expected.GetValueOrDefault(day) + amount;
            if (i % 7 == 0 && table.Remove(day))
                expected.Remove(day);
        }

        Assert.Equal(expected.OrderBy(p => p.Key), table);
        var unpacked = new DailySpendTable();
        DailySpendPacking.Unpack(DailySpendPacking.Pack(table), unpacked);
        Assert.Equal(table, unpacked);
    }
}
