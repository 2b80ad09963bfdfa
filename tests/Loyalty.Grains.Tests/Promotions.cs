using Loyalty.Domain;
using Loyalty.Grains.Promotions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Loyalty.Grains.Tests;

/// <summary>Small builders and waits for the promotion tests.</summary>
internal static class Promotions
{
    public static string NewSku(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A definition running from an hour before <paramref name="now"/> for 30 days.</summary>
    public static PromotionDefinition Draft(DateTimeOffset now, PromotionEffect effect, PromotionAudience? audience = null,
        long? budgetPoints = null, int? limitPerMember = null, DateTimeOffset? startsAt = null) =>
        new("draft", "Test promotion", startsAt ?? now.AddHours(-1), now.AddDays(30), audience ?? new PromotionAudience(), effect,
            limitPerMember, budgetPoints);

    public static Purchase SaleOf(string transactionId, string sku, decimal unitPrice, int quantity = 1, string category = "food") =>
        new(transactionId, "S-01", null, [new PurchaseLine(sku, category, quantity, unitPrice)]);

    public static PromotionCatalogueCache CacheOf(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<PromotionCatalogueCache>();

    /// <summary>Waits (bounded) until every node's catalogue holds the promotion in the state <paramref name="holds"/> accepts.</summary>
    public static async Task UntilEveryNodeHas(InProcessTestCluster cluster, string promotionId, Func<PromotionDefinition, bool>? holds = null)
    {
        foreach (var silo in cluster.Silos)
        {
            var cache = CacheOf(silo);
            await Until(() => cache.Snapshot.Promotions.Any(p => p.Id == promotionId && (holds?.Invoke(p) ?? true)));
        }
    }

    public static async Task Until(Func<bool> done, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!done() && DateTime.UtcNow < deadline)
            await Task.Delay(25);
        Assert.True(done(), "the expected state was not reached in time");
    }
}
