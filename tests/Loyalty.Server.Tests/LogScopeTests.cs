using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Loyalty.Server.Tests;

/// <summary>Log records of a member's calls carry the member id and the transaction id, as structured values.</summary>
public sealed class LogScopeTests(LogScopeTests.LoggedEngineFixture engine) : IClassFixture<LogScopeTests.LoggedEngineFixture>
{
    /// <summary>An engine logging the engine's own categories at Debug into a collector.</summary>
    public sealed class LoggedEngineFixture : EngineFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["Logging:LogLevel:Loyalty"] = "Debug" };

        protected override Action<IServiceCollection> Services => services => services.AddFakeLogging();

        public FakeLogCollector Logs => Host.Services.GetRequiredService<FakeLogCollector>();
    }

    [Fact]
    public async Task A_purchase_is_logged_within_the_scope_of_its_member_and_transaction()
    {
        var id = Api.NewMemberId();
        var till = engine.Host.Till();
        await till.Enrol(id);

        await (await till.Purchase(id, Api.Sale("T-log-1", "X", "food", 1, 10m))).Json();

        var answered = engine.Logs.GetSnapshot().Where(r => r.Category == "Loyalty.Server.Apis.MemberCallLogging")
            .Where(r => ScopeValue(r, "MemberId") == id && ScopeValue(r, "TransactionId") == "T-log-1").ToList();
        var record = Assert.Single(answered);
        Assert.Equal(LogLevel.Debug, record.Level);
        Assert.Contains("RecordPurchase", record.Message);
        Assert.Contains("200", record.Message);
    }

    [Fact]
    public async Task The_member_grain_logs_the_purchase_with_the_member_and_transaction_as_properties()
    {
        var id = Api.NewMemberId();
        var till = engine.Host.Till();
        await till.Enrol(id);

        await (await till.Purchase(id, Api.Sale("T-log-2", "X", "food", 1, 10m))).Json();

        var record = Assert.Single(engine.Logs.GetSnapshot(), r => r.Category == "Loyalty.Grains.MemberGrain"
            && r.GetStructuredStateValue("MemberId") == id && r.GetStructuredStateValue("TransactionId") == "T-log-2");
        Assert.Equal(LogLevel.Debug, record.Level);
        Assert.Equal("Awarded", record.GetStructuredStateValue("Outcome"));
    }

    [Fact]
    public async Task Reading_an_account_is_scoped_by_member_without_a_transaction()
    {
        var id = Api.NewMemberId();
        var till = engine.Host.Till();
        await till.Enrol(id);

        await till.Account(id);

        var records = engine.Logs.GetSnapshot().Where(r => r.Category == "Loyalty.Server.Apis.MemberCallLogging"
            && ScopeValue(r, "MemberId") == id && r.Message.Contains("GetAccount", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Null(ScopeValue(r, "TransactionId")));
    }

    [Fact]
    public async Task Watching_a_member_is_logged_within_the_scope_of_that_member()
    {
        var id = Api.NewMemberId();
        await engine.Host.Till().Enrol(id);
        await using var watcher = Watcher.Create(engine.Host, token: EngineHost.TillKey);
        await watcher.StartAsync();

        await watcher.WatchAsync(id);

        var record = Assert.Single(engine.Logs.GetSnapshot(), r => r.Category == "Loyalty.Server.Hubs.LoyaltyHub" && ScopeValue(r, "MemberId") == id);
        Assert.Equal(LogLevel.Debug, record.Level);
        Assert.Null(ScopeValue(record, "TransactionId"));
    }

    /// <summary>The value of a structured property of one of the record's scopes, or null.</summary>
    private static string? ScopeValue(FakeLogRecord record, string name) =>
        record.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>()
            .SelectMany(scope => scope).Where(p => p.Key == name).Select(p => p.Value?.ToString()).FirstOrDefault();
}
