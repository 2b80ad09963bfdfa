using Loyalty.Domain.Identity;

namespace Loyalty.Domain.Tests.Identity;

public class IdentifiersTests
{
    [Theory]
    [InlineData("ada@example.com", "ada@example.com")]
    [InlineData("  Ada.Lovelace@Example.COM \t", "ada.lovelace@example.com")]
    [InlineData("ADA+coffee@mail.example.co.uk", "ada+coffee@mail.example.co.uk")]
    public void Email_is_trimmed_and_lower_case(string raw, string normal) =>
        Assert.Equal(normal, Identifiers.NormaliseEmail(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@example")]
    [InlineData("ada@.com")]
    [InlineData("ada@example.")]
    [InlineData("ada@example.com.")]
    [InlineData("ada@@example.com")]
    [InlineData("ada@b@example.com")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("ada@exa mple.com")]
    [InlineData("ada@example..com")]
    [InlineData("ada\n@example.com")]
    public void Email_that_is_not_a_plain_address_is_refused(string? raw) =>
        Assert.Null(Identifiers.NormaliseEmail(raw));

    [Fact]
    public void Email_of_254_characters_is_kept_and_one_longer_is_refused()
    {
        string Address(int lastLabel) => $"{new string('a', 64)}@{new string('b', 63)}.{new string('c', 63)}.{new string('d', lastLabel)}.com";
        Assert.Equal(254, Address(57).Length);
        Assert.Equal(Address(57), Identifiers.NormaliseEmail(Address(57).ToUpperInvariant()));
        Assert.Null(Identifiers.NormaliseEmail(Address(58)));
    }

    [Theory]
    [InlineData("07911 123456", "GB", "+447911123456")]
    [InlineData("07911123456", "GB", "+447911123456")]
    [InlineData("+44 7911 123456", "GB", "+447911123456")]
    [InlineData("0044 7911 123456", "GB", "+447911123456")]
    [InlineData("+44 (0)7911 123-456", "DE", "+447911123456")]
    [InlineData(" 030 1234567 ", "DE", "+49301234567")]
    [InlineData("+49 30 1234567", "GB", "+49301234567")]
    [InlineData("(201) 555-0123", "US", "+12015550123")]
    [InlineData("07911 123456", "gb", "+447911123456")]
    public void Phone_is_written_in_E164_from_its_national_or_international_form(string raw, string region, string normal) =>
        Assert.Equal(normal, Identifiers.NormalisePhone(raw, region));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("12")]
    [InlineData("07911 1234")] // too short
    [InlineData("07911 123456 456")] // too long
    [InlineData("+999 1234 5678")] // no such country code
    [InlineData("not a phone")]
    [InlineData("ada@example.com")]
    [InlineData("+44 7911 123456 +44 7911 123456 +44 7911 123456")] // longer than any number
    public void Phone_that_is_not_a_valid_number_is_refused(string? raw) =>
        Assert.Null(Identifiers.NormalisePhone(raw, "GB"));

    [Fact]
    public void Phone_in_national_form_needs_the_default_region_it_belongs_to()
    {
        Assert.Null(Identifiers.NormalisePhone("07911 123456", "US"));
        Assert.Null(Identifiers.NormalisePhone("07911 123456", "ZZ"));
        Assert.Equal("+447911123456", Identifiers.NormalisePhone("+447911123456", "US"));
    }

    [Theory]
    [InlineData("GB", true)]
    [InlineData("gb", true)]
    [InlineData("DE", true)]
    [InlineData("US", true)]
    [InlineData("ZZ", false)]
    [InlineData("UK", false)]
    [InlineData("GBR", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Region_is_known_when_libphonenumber_has_its_rules(string? region, bool known) =>
        Assert.Equal(known, Identifiers.IsKnownRegion(region));

    [Theory]
    [InlineData("4111111111111111", "4111111111111111")]
    [InlineData("4111 1111 1111 1111", "4111111111111111")]
    [InlineData("4111-1111-1111-1111", "4111111111111111")]
    [InlineData(" 5500 0000 0000 0004 ", "5500000000000004")]
    [InlineData("0000000000000000", "0000000000000000")]
    public void Card_with_its_check_digit_is_its_16_digits(string raw, string normal) =>
        Assert.Equal(normal, Identifiers.NormaliseCard(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4111111111111112")] // wrong check digit
    [InlineData("4111111111111110")]
    [InlineData("1411111111111111")] // two digits swapped
    [InlineData("411111111111111")] // 15 digits
    [InlineData("41111111111111111")] // 17 digits
    [InlineData("4111.1111.1111.1111")]
    [InlineData("4111_1111_1111_1111")]
    [InlineData("411111111111111a")]
    [InlineData("４１１１１１１１１１１１１１１１")] // full-width digits
    [InlineData("4111 1111 1111 1111 0000 0000 0000 0000 0000")]
    public void Card_without_a_valid_check_digit_or_of_another_length_is_refused(string? raw) =>
        Assert.Null(Identifiers.NormaliseCard(raw));

    [Theory]
    [InlineData("411111111111111", 1)]
    [InlineData("7992739871", 3)]
    [InlineData("550000000000000", 4)]
    [InlineData("", 0)]
    public void Luhn_check_digit_of_known_numbers(string payload, int check) =>
        Assert.Equal(check, Identifiers.LuhnCheckDigit(payload));

    [Fact]
    public void New_card_numbers_are_16_digits_valid_by_their_check_digit_and_do_not_repeat()
    {
        var cards = Enumerable.Range(0, 2_000).Select(_ => Identifiers.NewCardNumber()).ToList();

        Assert.All(cards, card =>
        {
            Assert.Equal(Identifiers.CardLength, card.Length);
            Assert.True(card.All(char.IsAsciiDigit));
            Assert.NotEqual('0', card[0]);
            Assert.Equal(card, Identifiers.NormaliseCard(card));
        });
        Assert.Equal(cards.Count, cards.Distinct().Count());
        Assert.True(cards.Select(c => c[0]).Distinct().Count() > 1);
    }
}
