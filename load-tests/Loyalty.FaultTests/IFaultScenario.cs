namespace Loyalty.FaultTests;

/// <summary>One fault test: it drives the cluster, injects its fault, and reports what it tried and what it verified.</summary>
internal interface IFaultScenario
{
    /// <summary>The name given on the command line, e.g. <c>kill-node</c>.</summary>
    string Name { get; }

    /// <summary>One line saying what the scenario does.</summary>
    string Description { get; }

    Task<FaultReport> Run(FaultContext context, CancellationToken cancellation);
}
