using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;
using static Loyalty.Domain.Tests.PromotionKit;

namespace Loyalty.Domain.Tests;

public class PromotionValidationTests
{
    private static readonly ProgrammeOptions Demo = ProgrammeOptions.Demo();

    private static IReadOnlyDictionary<string, string[]> Errors(PromotionDefinition p) => PromotionValidation.Validate(p, Demo);

    /// <summary>The definition is refused for exactly one field, with a message.</summary>
    private static void RefusedFor(string field, PromotionDefinition p)
    {
        var errors = Errors(p);
        Assert.Equal([field], errors.Keys.ToArray());
        Assert.All(errors[field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    [Fact]
    public void A_full_definition_of_each_kind_is_valid()
    {
        var audience = new PromotionAudience("coffee-club", "Silver", MemberSegments.Top);
        Assert.Empty(Errors(Promo("double-coffee", Multiplier(2m, "coffee", "LATTE", 10m), audience, limit: 3, budget: 10_000)));
        Assert.Empty(Errors(Promo("welcome_50", BonusPoints(50))));
        Assert.Empty(Errors(Promo("STAMPS-1", BonusStamps(2, "Coffee"))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("é")]
    [InlineData("a/b")]
    public void Ids_are_letters_digits_dashes_and_underscores(string id) => RefusedFor("id", Promo("p", BonusPoints(5)) with { Id = id });

    [Fact]
    public void An_id_has_at_most_64_characters()
    {
        Assert.Empty(Errors(Promo(new string('p', 64), BonusPoints(5))));
        RefusedFor("id", Promo(new string('p', 65), BonusPoints(5)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" padded")]
    [InlineData("bell\u0007")]
    public void A_name_is_printable_text(string name) => RefusedFor("name", Promo("p", BonusPoints(5)) with { Name = name });

    [Fact]
    public void A_name_has_1_to_100_characters()
    {
        Assert.Empty(Errors(Promo("p", BonusPoints(5)) with { Name = "x" }));
        Assert.Empty(Errors(Promo("p", BonusPoints(5)) with { Name = new string('x', 100) }));
        RefusedFor("name", Promo("p", BonusPoints(5)) with { Name = new string('x', 101) });
    }

    [Fact]
    public void The_window_ends_after_it_starts()
    {
        RefusedFor("endsAt", Promo("p", BonusPoints(5)) with { EndsAt = Starts });
        RefusedFor("endsAt", Promo("p", BonusPoints(5)) with { EndsAt = Starts.AddTicks(-1) });
        Assert.Empty(Errors(Promo("p", BonusPoints(5)) with { EndsAt = Starts.AddTicks(1) }));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0.5")]
    [InlineData("10.01")]
    [InlineData("1.255")]
    [InlineData("-2")]
    public void A_multiplier_is_above_1_and_at_most_10_with_two_decimals(string value) =>
        RefusedFor("effect.value", Promo("p", Multiplier(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData("1.01")]
    [InlineData("1.25")]
    [InlineData("10")]
    public void Multipliers_at_the_edges_are_valid(string value) =>
        Assert.Empty(Errors(Promo("p", Multiplier(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)))));

    [Fact]
    public void Bonus_points_are_a_whole_number_from_1_to_a_million()
    {
        Assert.Empty(Errors(Promo("p", BonusPoints(1))));
        Assert.Empty(Errors(Promo("p", BonusPoints(1_000_000))));
        RefusedFor("effect.value", Promo("p", BonusPoints(0)));
        RefusedFor("effect.value", Promo("p", BonusPoints(1_000_001)));
        RefusedFor("effect.value", Promo("p", BonusPoints(5) with { Value = 5.5m }));
    }

    [Fact]
    public void Bonus_stamps_are_a_whole_number_from_1_to_100()
    {
        Assert.Empty(Errors(Promo("p", BonusStamps(100))));
        RefusedFor("effect.value", Promo("p", BonusStamps(0)));
        RefusedFor("effect.value", Promo("p", BonusStamps(101)));
        RefusedFor("effect.value", Promo("p", BonusStamps(1) with { Value = 1.5m }));
    }

    [Fact]
    public void Bonus_stamps_name_the_category_of_a_stamp_card()
    {
        RefusedFor("effect.category", Promo("p", BonusStamps(2, category: null)));
        RefusedFor("effect.category", Promo("p", BonusStamps(2, category: "bakery")));
    }

    [Fact]
    public void Filters_are_short_printable_text_and_the_minimum_spend_an_amount()
    {
        RefusedFor("effect.category", Promo("p", Multiplier(2m, category: "")));
        RefusedFor("effect.sku", Promo("p", Multiplier(2m, sku: new string('S', 65))));
        RefusedFor("effect.minSpend", Promo("p", Multiplier(2m, minSpend: -0.01m)));
        RefusedFor("effect.minSpend", Promo("p", Multiplier(2m, minSpend: 1.005m)));
        Assert.Empty(Errors(Promo("p", Multiplier(2m, minSpend: 0m))));
    }

    [Fact]
    public void The_audience_names_a_configured_tier_a_known_segment_and_a_well_formed_club()
    {
        RefusedFor("audience.minTier", Promo("p", BonusPoints(5), new PromotionAudience(MinTier: "Platinum")));
        RefusedFor("audience.minTier", Promo("p", BonusPoints(5), new PromotionAudience(MinTier: "silver")));
        RefusedFor("audience.segment", Promo("p", BonusPoints(5), new PromotionAudience(Segment: "vip")));
        RefusedFor("audience.clubId", Promo("p", BonusPoints(5), new PromotionAudience(ClubId: "coffee club")));
        foreach (var segment in MemberSegments.All)
            Assert.Empty(Errors(Promo("p", BonusPoints(5), new PromotionAudience(Segment: segment))));
    }

    [Fact]
    public void A_limit_and_a_budget_are_at_least_1()
    {
        RefusedFor("limitPerMember", Promo("p", BonusPoints(5), limit: 0));
        RefusedFor("budgetPoints", Promo("p", BonusPoints(5), budget: 0));
        Assert.Empty(Errors(Promo("p", BonusPoints(5), limit: 1, budget: 1)));
    }

    [Fact]
    public void Every_field_at_fault_is_reported_at_once()
    {
        var p = new PromotionDefinition("", "", T0, T0, new PromotionAudience(MinTier: "Platinum"),
            new PromotionEffect(PromotionEffectKind.Multiplier, 1m, MinSpend: -1m), 0, 0);
        Assert.Equal(["id", "name", "endsAt", "audience.minTier", "effect.value", "effect.minSpend", "limitPerMember", "budgetPoints"],
            Errors(p).Keys.ToArray());
    }
}
