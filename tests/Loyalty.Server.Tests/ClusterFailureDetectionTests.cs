using Loyalty.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Loyalty.Server.Tests;

/// <summary>How fast a database cluster declares a crashed node dead: our default, and configuration over it.</summary>
public sealed class ClusterFailureDetectionTests
{
    [Fact]
    public void Probes_every_two_seconds_by_default_and_keeps_Orleans_other_defaults()
    {
        var options = Resolve([]);

        Assert.Equal(TimeSpan.FromSeconds(2), options.ProbeTimeout);
        Assert.Equal(new ClusterMembershipOptions().NumMissedProbesLimit, options.NumMissedProbesLimit);
        Assert.Equal(new ClusterMembershipOptions().NumVotesForDeathDeclaration, options.NumVotesForDeathDeclaration);
    }

    [Fact]
    public void Any_membership_option_can_be_set_under_Loyalty_Cluster_Membership()
    {
        var options = Resolve(new()
        {
            ["Loyalty:Cluster:Membership:ProbeTimeout"] = "00:00:05",
            ["Loyalty:Cluster:Membership:NumMissedProbesLimit"] = "4",
        });

        Assert.Equal(TimeSpan.FromSeconds(5), options.ProbeTimeout);
        Assert.Equal(4, options.NumMissedProbesLimit);
    }

    private static ClusterMembershipOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLoyaltyFailureDetection();
        return services.BuildServiceProvider().GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
    }
}
