namespace Loyalty.Grains.Insights;

/// <summary>
/// The one insights projector of the cluster (key 0): a grain timer feeds the read model from the marked members every
/// second, and a reminder brings the grain back after its node is lost.
/// </summary>
public interface IInsightsProjectorGrain : IGrainWithIntegerKey
{
    /// <summary>Activates the projector (its timer starts at once); nothing else.</summary>
    Task Start();

    /// <summary>Projects every marked member now, waiting for the timer's batch under way; returns the members written.</summary>
    Task<int> CatchUp();
}

public static class InsightsProjectorGrainExtensions
{
    public static IInsightsProjectorGrain InsightsProjectorGrain(this IGrainFactory grains) => grains.GetGrain<IInsightsProjectorGrain>(0);
}
