using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

/// <summary>The spend table's stored form (<see cref="DailySpendPacking"/>), and states stored before it.</summary>
public class DailySpendPackingTests
{
    [Fact]
    public void Every_amount_and_day_comes_back_exactly_with_its_scale()
    {
        decimal[] amounts = [0m, 0.00m, 5.30m, 12.5m, 1234567.891m, -3.20m, 0.0000001m, decimal.MaxValue, decimal.MinValue,
            79228162514264.337593543950335m, 288230376151711743m, 288230376151711744m];
        var spend = amounts.Select((a, i) => KeyValuePair.Create(DateOnly.MinValue.AddDays(i * 4000), a))
            .Append(KeyValuePair.Create(DateOnly.MaxValue, 1m))
            .ToDictionary();

        var unpacked = new Dictionary<DateOnly, decimal>();
        DailySpendPacking.Unpack(DailySpendPacking.Pack(spend), unpacked);

        Assert.Equal(spend.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            unpacked.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void A_form_this_version_does_not_know_is_refused_rather_than_misread()
    {
        var packed = DailySpendPacking.Pack(new Dictionary<DateOnly, decimal> { [new DateOnly(2026, 1, 1)] = 1m });
        packed[0] = 2;

        Assert.Throws<InvalidDataException>(() => DailySpendPacking.Unpack(packed, new Dictionary<DateOnly, decimal>()));
    }

    [Fact]
    public void A_year_of_daily_sales_stores_under_2_KB_and_qualifies_the_same_after_loading()
    {
        var m = new TestMember();
        var empty = StoredState.Size(m.State);
        for (var day = 0; day < 365; day++)
        {
            m.AdvanceTo(T0.AddDays(day));
            m.Buy(Item(5.30m + day % 7), Coffee(1));
        }
        m.State.Outbox.Clear(); // as the grain does once the ledger has the entries

        var loaded = StoredState.RoundTrip(m.State);

        Assert.Equal(365, loaded.DailySpend.Count);
        Assert.Equal(m.State.DailySpend.OrderBy(p => p.Key), loaded.DailySpend.OrderBy(p => p.Key));
        Assert.Equal(m.Programme.QualifyingSpend(m.State, m.Now), m.Programme.QualifyingSpend(loaded, m.Now));
        Assert.InRange(StoredState.Bytes(m.State).Length - empty, 1, 2048 + m.State.Lots.Count * 16);
        Assert.InRange(DailySpendPacking.Pack(m.State.DailySpend).Length, 365, 365 * 5);
    }

    /// <summary>
    /// A state stored before the spend table was packed, by the serializer of that version: enrolled, tier Silver,
    /// lifetime spend 42.15, spend 5.30 on 2026-03-01, 12.5 on 2026-03-02 and 24.35 on 2026-03-09, and a lot of 42
    /// points expiring on 2027-03-31.
    /// </summary>
    internal const string StateBeforePacking =
        "IAADwQEhgAAAAAAAAAAAgQAAAAAAAAAA4CEAAyFg5koLAAGp4OABAUENU2lsdmVywQHBAcEBIQEHYVtJCwBAIQAAAgAAAAAAEgIAAAAAAABgXEkLAEAhAAABAAAAAAB9AAAAAAAAAGBjSQsAQCEAAAIAAAAAAIMJAAAAAAAA4CEwATEs1C4dU3RyaW5nQ29tcGFyZXIAAwEB4OAEASHgQSEAAAIAAAAAAHcQAAAAAAAAwQEh4CHgITgDAAMBAeDgITgDAAMBAeDgJxPgxQHBAQQBwQHEAcUBwQHg";

    [Fact]
    public void A_state_stored_before_the_spend_table_was_packed_loads_it_and_is_stored_packed_from_then_on()
    {
        var loaded = StoredState.Load(Convert.FromBase64String(StateBeforePacking));

        Assert.Equal([(new DateOnly(2026, 3, 1), "5.30"), (new DateOnly(2026, 3, 2), "12.5"), (new DateOnly(2026, 3, 9), "24.35")],
            loaded.DailySpend.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(("Silver", 42.15m, 42L), (loaded.Tier, loaded.LifetimeSpend, loaded.Balance));
        Assert.Null(loaded.EarlierDailySpend);
        var stored = StoredState.RoundTrip(loaded);
        Assert.Equal(loaded.DailySpend.OrderBy(p => p.Key), stored.DailySpend.OrderBy(p => p.Key));
        Assert.True(StoredState.Size(loaded) < Convert.FromBase64String(StateBeforePacking).Length);
    }

    [Fact]
    public void The_copy_the_grain_writes_carries_the_spend_table_and_shares_nothing_with_it()
    {
        var m = new TestMember();
        m.Buy(Item(5.30m));

        var copy = StoredState.Copy(m.State);
        m.State.DailySpend[Day(T0)] = 99m;

        Assert.Equal([KeyValuePair.Create(Day(T0), 5.30m)], copy.DailySpend);
    }

    [Fact]
    public void A_member_without_spend_stores_no_table()
    {
        var state = new MemberState();

        Assert.Null(state.PackedDailySpend);
        Assert.Empty(StoredState.RoundTrip(state).DailySpend);
    }
}
