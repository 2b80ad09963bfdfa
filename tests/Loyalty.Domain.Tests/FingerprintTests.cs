using Loyalty.Domain;
using static Loyalty.Domain.Tests.Kit;

namespace Loyalty.Domain.Tests;

public class FingerprintTests
{
    private static Purchase Sale(DateTimeOffset? at = null, decimal price = 3.20m) => new("T-1", "S-01", at, [Coffee(2, unitPrice: price)]);

    [Fact]
    public void The_same_command_gives_the_same_digest()
    {
        Assert.Equal(Fingerprint.Of(Sale(T0)), Fingerprint.Of(Sale(T0)));
        Assert.Matches("^[0-9A-F]{32}$", Fingerprint.Of(Sale()));
    }

    [Fact]
    public void Amounts_and_instants_are_normalised()
    {
        Assert.Equal(Fingerprint.Of(Sale(price: 3.2m)), Fingerprint.Of(Sale(price: 3.20m)));
        Assert.Equal(Fingerprint.Of(Sale(T0)), Fingerprint.Of(Sale(T0.ToOffset(TimeSpan.FromHours(-7)))));
    }

    [Fact]
    public void An_omitted_time_differs_from_any_given_time()
    {
        Assert.NotEqual(Fingerprint.Of(Sale()), Fingerprint.Of(Sale(T0)));
    }

    [Fact]
    public void Line_order_matters()
    {
        var a = new Purchase("T-1", null, null, [Item(1m, sku: "A"), Item(2m, sku: "B")]);
        var b = new Purchase("T-1", null, null, [Item(2m, sku: "B"), Item(1m, sku: "A")]);
        Assert.NotEqual(Fingerprint.Of(a), Fingerprint.Of(b));
    }

    [Fact]
    public void Fields_cannot_be_shifted_into_each_other()
    {
        var a = new Purchase("T-1", null, null, [new PurchaseLine("AB", "C", 1, 1m)]);
        var b = new Purchase("T-1", null, null, [new PurchaseLine("A", "BC", 1, 1m)]);
        Assert.NotEqual(Fingerprint.Of(a), Fingerprint.Of(b));
    }

    [Fact]
    public void Redemptions_differ_by_points_or_reward()
    {
        Assert.NotEqual(Fingerprint.Of(new Redemption("R", "S", 10, null)), Fingerprint.Of(new Redemption("R", "S", 11, null)));
        Assert.NotEqual(Fingerprint.Of(new Redemption("R", "S", null, "coffee-3")), Fingerprint.Of(new Redemption("R", "S", null, "coffee-4")));
        Assert.Equal(Fingerprint.Of(new Redemption("R", "S", 10, null)), Fingerprint.Of(new Redemption("R", "S", 10, null)));
    }

    [Fact]
    public void Refunds_differ_by_original_and_lines()
    {
        var refund = new Refund("F", "S", "A", [Back("X", 1)]);
        Assert.Equal(Fingerprint.Of(refund), Fingerprint.Of(new Refund("F", "S", "A", [Back("X", 1)])));
        Assert.NotEqual(Fingerprint.Of(refund), Fingerprint.Of(refund with { OriginalTransactionId = "B" }));
        Assert.NotEqual(Fingerprint.Of(refund), Fingerprint.Of(refund with { Lines = [Back("X", 2)] }));
    }

    [Fact]
    public void The_compact_form_keeps_the_digest_s_sixteen_bytes()
    {
        var fingerprint = Fingerprint.Of(Sale());
        Assert.Equal(Convert.FromHexString(fingerprint), Fingerprint.Compact(fingerprint).ToByteArray());
        Assert.Equal(Fingerprint.Compact(fingerprint), Fingerprint.Compact(fingerprint.ToLowerInvariant()));
        Assert.NotEqual(Fingerprint.Compact(fingerprint), Fingerprint.Compact(Fingerprint.Of(Sale(T0))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a fingerprint")]
    [InlineData("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    public void A_value_that_is_not_a_fingerprint_compacts_to_its_own_value_that_no_fingerprint_matches(string value)
    {
        Assert.Equal(Fingerprint.Compact(value), Fingerprint.Compact(value));
        Assert.NotEqual(Fingerprint.Compact(Fingerprint.Of(Sale())), Fingerprint.Compact(value));
        Assert.NotEqual(Fingerprint.Compact(value + "x"), Fingerprint.Compact(value));
    }
}
