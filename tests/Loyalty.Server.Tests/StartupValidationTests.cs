namespace Loyalty.Server.Tests;

/// <summary>The engine refuses to start on bad configuration, and says which key is wrong.</summary>
public sealed class StartupValidationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-startup-tests-" + Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Storage => new()
    {
        ["Provider"] = "Sqlite",
        ["ConnectionString"] = $"Data Source={Path.Combine(_folder, "loyalty.db")}",
    };

    [Fact]
    public void Without_an_api_key_the_engine_does_not_start()
    {
        using var host = new EngineHost(Storage, withKeys: false);
        var error = host.RefusedStart();
        Assert.Contains("Loyalty:Auth:ApiKeys is empty", error.ToString());
    }

    [Theory]
    [InlineData("Loyalty:Program:Tiers:1:Threshold", "-5", "Loyalty:Program:Tiers:1:Threshold must be above the threshold of tier 0")]
    [InlineData("Loyalty:Program:Currency", "euro", "Loyalty:Program:Currency must be a three-letter")]
    [InlineData("Loyalty:Program:MaxAdjustmentPoints", "0", "Loyalty:Program:MaxAdjustmentPoints must be between 1 and 1000000000")]
    [InlineData("Loyalty:Program:StampCards:0:StampsRequired", "0", "Loyalty:Program:StampCards:0:StampsRequired must be between 1 and 1000")]
    [InlineData("Loyalty:Auth:ApiKeys:0:Role", "admin", "Loyalty:Auth:ApiKeys:0:Role must be 'till', 'marketing', 'operations' or 'support'")]
    [InlineData("Loyalty:Identity:DefaultRegion", "UK", "Loyalty:Identity:DefaultRegion must be a two-letter region such as 'GB'")]
    [InlineData("Loyalty:Identity:DefaultRegion", "", "Loyalty:Identity:DefaultRegion must be a two-letter region such as 'GB'")]
    [InlineData("Loyalty:ShutdownTimeout", "soon", "Loyalty:ShutdownTimeout must be a time span above zero")]
    [InlineData("Loyalty:ShutdownTimeout", "-00:00:05", "Loyalty:ShutdownTimeout must be a time span above zero")]
    [InlineData("Loyalty:Storage:Provider", "Oracle", "Loyalty:Storage")]
    [InlineData("Loyalty:Cluster:Mode", "AdoNet", "Loyalty:Cluster:Mode AdoNet keeps the cluster's membership and reminders in PostgreSQL: it needs Loyalty:Storage:Provider PostgreSql (it is Sqlite)")]
    [InlineData("Loyalty:Cluster:Mode", "Cloud", "Loyalty:Cluster:Mode")]
    [InlineData("Loyalty:Cluster:SiloPort", "70000", "Loyalty:Cluster:SiloPort must be between 1 and 65535")]
    [InlineData("Loyalty:Cluster:AdvertisedAddress", "0.0.0.0", "Loyalty:Cluster:AdvertisedAddress must be an address other nodes can reach")]
    [InlineData("Loyalty:Cluster:DirectoryCacheSize", "-1", "Loyalty:Cluster:DirectoryCacheSize must be between 0 and 10000000 (it is -1)")]
    [InlineData("Loyalty:Cluster:CallTimeoutSeconds", "3", "Loyalty:Cluster:CallTimeoutSeconds must be longer than one storage operation may take")]
    [InlineData("Loyalty:RateLimits:MemberToken:PermitsPerSecond", "0", "Loyalty:RateLimits:MemberToken:PermitsPerSecond must be above 0")]
    [InlineData("Loyalty:RateLimits:HubCalls:Burst", "0", "Loyalty:RateLimits:HubCalls:Burst must be between 1 and")]
    [InlineData("Loyalty:Auth:ApiKeys:0:Burst", "-1", "Loyalty:Auth:ApiKeys:0:Burst must be between 1 and")]
    public void A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string message)
    {
        using var host = new EngineHost(Storage, new Dictionary<string, string> { [key] = value });
        var error = host.RefusedStart();
        Assert.True(error.ToString().Contains(message, StringComparison.Ordinal), error.ToString());
    }

    [Fact]
    public void The_erasure_kill_switch_of_the_crash_tests_is_refused_in_production()
    {
        using var host = new EngineHost(Storage, new Dictionary<string, string>
        {
            ["environment"] = "Production",
            [Loyalty.Grains.Privacy.ErasureFaultInjection.ConfigurationKey] = "1",
        });
        var error = host.RefusedStart();
        Assert.Contains("Loyalty:FaultInjection:KillAfterErasureStep is for crash tests only: it is refused in Production", error.ToString());
    }

    [Fact]
    public void The_merge_kill_switch_of_the_crash_tests_is_refused_in_production()
    {
        using var host = new EngineHost(Storage, new Dictionary<string, string>
        {
            ["environment"] = "Production",
            [Loyalty.Grains.MergeFaultInjection.ConfigurationKey] = "1",
        });
        var error = host.RefusedStart();
        Assert.Contains("Loyalty:FaultInjection:KillAfterMergeStep is for crash tests only: it is refused in Production", error.ToString());
    }

    [Fact]
    public void Keys_sharing_a_name_share_a_rate_limit_and_must_agree_on_it()
    {
        using var host = new EngineHost(Storage, new Dictionary<string, string>
        {
            ["Loyalty:Auth:ApiKeys:2:Key"] = "test-till-key-0002",
            ["Loyalty:Auth:ApiKeys:2:Name"] = "Test till",
            ["Loyalty:Auth:ApiKeys:2:Role"] = "till",
            ["Loyalty:Auth:ApiKeys:2:Burst"] = "50",
        });
        var error = host.RefusedStart();
        Assert.Contains("the keys named 'Test till' share one rate limit", error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
