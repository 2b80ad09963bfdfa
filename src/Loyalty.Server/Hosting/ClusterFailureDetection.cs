using Orleans.Configuration;

namespace Loyalty.Server.Hosting;

/// <summary>
/// How fast the nodes of a database cluster declare a crashed node dead: Orleans' <see cref="ClusterMembershipOptions"/>,
/// bound from <c>Loyalty:Cluster:Membership</c> (any of its properties, by name), over defaults faster than Orleans'
/// own. Orleans probes each node every <see cref="ClusterMembershipOptions.ProbeTimeout"/> (5 s by default) and suspects
/// it after <see cref="ClusterMembershipOptions.NumMissedProbesLimit"/> (3) missed probes; until a crashed node is
/// declared dead, calls for the members whose grains lived on it fail. Ours: a probe every 2 s, so a crash is suspected
/// after about 6 s instead of 15 s; two votes still declare it dead (both other nodes of a three-node cluster).
/// </summary>
public static class ClusterFailureDetection
{
    public const string SectionName = ClusterSettings.SectionName + ":Membership";

    public static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromSeconds(2);

    public static IServiceCollection AddLoyaltyFailureDetection(this IServiceCollection services)
    {
        services.AddOptions<ClusterMembershipOptions>()
            .Configure(o => o.ProbeTimeout = DefaultProbeTimeout)
            .BindConfiguration(SectionName);
        return services;
    }
}
