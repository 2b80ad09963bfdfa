using Loyalty.Domain;

namespace Loyalty.Grains.Tests;

/// <summary>Small builders for the tests' commands.</summary>
internal static class Commands
{
    public static string NewMemberId() => "M-" + Guid.NewGuid().ToString("N")[..12];

    public static MemberProfile Profile(string name = "Ada") => new(name, "ada@example.org", new DateOnly(1990, 5, 1));

    public static Purchase Sale(string transactionId, decimal unitPrice, int quantity = 1, string category = "food", string sku = "ITEM") =>
        new(transactionId, "S-01", null, [new PurchaseLine(sku, category, quantity, unitPrice)]);

    public static Purchase Coffees(string transactionId, int quantity) =>
        new(transactionId, "S-01", null, [new PurchaseLine("LATTE", "coffee", quantity, 3.20m)]);

    public static Redemption Points(string transactionId, long points) => new(transactionId, "S-01", points, null);

    public static async Task<IMemberGrain> EnrolledAsync(IGrainFactory grains, string? memberId = null)
    {
        var grain = grains.GetGrain<IMemberGrain>(memberId ?? NewMemberId());
        await grain.Enrol(Profile());
        return grain;
    }
}
