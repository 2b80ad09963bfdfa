using System.Net;
using Loyalty.Server.Hosting;
using Loyalty.Storage;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Tests;

/// <summary>The cluster settings on their own: which combinations are refused, and which address a node advertises.</summary>
public sealed class ClusterSettingsTests
{
    [Theory]
    [InlineData(ClusterMode.Localhost, StorageProvider.Sqlite, true)]
    [InlineData(ClusterMode.Localhost, StorageProvider.PostgreSql, true)]
    [InlineData(ClusterMode.AdoNet, StorageProvider.PostgreSql, true)]
    [InlineData(ClusterMode.Kubernetes, StorageProvider.PostgreSql, true)]
    [InlineData(ClusterMode.AdoNet, StorageProvider.Sqlite, false)]
    [InlineData(ClusterMode.Kubernetes, StorageProvider.Sqlite, false)]
    public void A_database_cluster_needs_PostgreSQL(ClusterMode mode, StorageProvider provider, bool valid)
    {
        var result = Validate(new ClusterSettings { Mode = mode, Tls = new ClusterTlsSettings { DisableForLocalTrials = true } }, provider);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
            Assert.Contains($"Loyalty:Cluster:Mode {mode} keeps the cluster's membership and reminders in PostgreSQL", result.FailureMessage);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1_000_000, true)]
    [InlineData(-1, false)]
    [InlineData(10_000_001, false)]
    public void The_directory_cache_holds_from_none_to_ten_million_addresses(int size, bool valid)
    {
        var result = Validate(new ClusterSettings { DirectoryCacheSize = size }, StorageProvider.Sqlite);

        Assert.Equal(valid, result.Succeeded);
        Assert.Equal(1_000_000, new ClusterSettings().DirectoryCacheSize); // Orleans' own default
    }

    [Fact]
    public void The_same_port_twice_and_an_empty_cluster_id_are_refused()
    {
        var result = Validate(new ClusterSettings { SiloPort = 30000, GatewayPort = 30000, ClusterId = " " }, StorageProvider.Sqlite);

        Assert.Contains("Loyalty:Cluster:SiloPort and Loyalty:Cluster:GatewayPort must differ", result.FailureMessage);
        Assert.Contains("Loyalty:Cluster:ClusterId must not be empty", result.FailureMessage);
    }

    [Fact]
    public void The_client_gateway_is_optional_and_checked_only_when_set()
    {
        Assert.True(Validate(new ClusterSettings { GatewayPort = null }, StorageProvider.Sqlite).Succeeded);
        Assert.Contains("Loyalty:Cluster:GatewayPort must be between 1 and 65535",
            Validate(new ClusterSettings { GatewayPort = 0 }, StorageProvider.Sqlite).FailureMessage);
    }

    [Theory]
    [InlineData(StorageProvider.PostgreSql, 15, true)]
    [InlineData(StorageProvider.PostgreSql, 12, false)] // connect 5 s + command 5 s + cancellation 2 s: the call would time out first
    [InlineData(StorageProvider.Sqlite, 6, true)]
    [InlineData(StorageProvider.Sqlite, 5, false)]
    [InlineData(StorageProvider.Sqlite, 301, false)]
    public void A_grain_call_outlasts_one_storage_operation(StorageProvider provider, int callTimeoutSeconds, bool valid)
    {
        var result = Validate(new ClusterSettings { CallTimeoutSeconds = callTimeoutSeconds }, provider);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
            Assert.Contains("Loyalty:Cluster:CallTimeoutSeconds must be longer than one storage operation may take", result.FailureMessage);
    }

    [Theory]
    [InlineData(ClusterMode.Localhost, null, "127.0.0.1")]
    [InlineData(ClusterMode.AdoNet, "", "127.0.0.1")]
    [InlineData(ClusterMode.AdoNet, "127.0.0.7", "127.0.0.7")]
    [InlineData(ClusterMode.AdoNet, "localhost", "127.0.0.1")]
    [InlineData(ClusterMode.Kubernetes, null, null)]
    [InlineData(ClusterMode.Kubernetes, "10.1.2.3", "10.1.2.3")]
    public void The_advertised_address_is_loopback_unless_set_and_the_pod_IP_under_Kubernetes(ClusterMode mode, string? configured, string? expected)
    {
        var address = new ClusterSettings { Mode = mode, AdvertisedAddress = configured }.ResolveAdvertisedAddress();
        Assert.Equal(expected, address?.ToString());
    }

    [Fact]
    public void A_host_name_that_does_not_resolve_is_named_in_the_error()
    {
        var settings = new ClusterSettings { Mode = ClusterMode.AdoNet, AdvertisedAddress = "no-such-host.invalid" };
        var error = Assert.Throws<InvalidOperationException>(settings.ResolveAdvertisedAddress);
        Assert.Contains("Loyalty:Cluster:AdvertisedAddress 'no-such-host.invalid'", error.Message);
    }

    private static ValidateOptionsResult Validate(ClusterSettings settings, StorageProvider provider) =>
        new ClusterSettingsValidator(Options.Create(new LoyaltyStorageOptions { Provider = provider })).Validate(null, settings);
}
