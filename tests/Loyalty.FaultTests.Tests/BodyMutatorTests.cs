using System.Text.Json.Nodes;
using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

public sealed class BodyMutatorTests
{
    private static JsonObject Sale() => new()
    {
        ["transactionId"] = "T-1",
        ["lines"] = new JsonArray(new JsonObject { ["sku"] = "TEA", ["quantity"] = 1 }),
    };

    [Fact]
    public void A_raw_value_replaces_a_nested_field_verbatim()
    {
        var text = BodyMutator.WithRaw(Sale(), "lines[0].quantity", "1e308");

        Assert.Equal("{\"transactionId\":\"T-1\",\"lines\":[{\"sku\":\"TEA\",\"quantity\":1e308}]}", text);
    }

    [Fact]
    public void A_raw_value_adds_a_field_that_was_absent()
    {
        var text = BodyMutator.WithRaw(Sale(), "storeId", "NaN");

        Assert.EndsWith(",\"storeId\":NaN}", text);
    }

    [Fact]
    public void A_field_can_be_left_out_without_touching_the_original()
    {
        var sale = Sale();

        var text = BodyMutator.Without(sale, "lines[0].sku");

        Assert.Equal("{\"transactionId\":\"T-1\",\"lines\":[{\"quantity\":1}]}", text);
        Assert.Equal("TEA", (string?)sale["lines"]![0]!["sku"]);
    }

    [Fact]
    public void A_duplicated_field_is_written_twice_with_its_value()
    {
        var text = BodyMutator.WithDuplicate(Sale(), "transactionId");

        Assert.StartsWith("{\"transactionId\":\"T-1\",\"transactionId\":\"T-1\",", text);
    }

    [Fact]
    public void An_extra_field_goes_into_the_object_named()
    {
        var text = BodyMutator.WithExtra(Sale(), "lines[0]", "discount", "99");

        Assert.Contains("{\"sku\":\"TEA\",\"quantity\":1,\"discount\":99}", text);
    }
}
