using Loyalty.FaultTests.Endpoints;
using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

/// <summary>Targets for generator tests: one member (and club, promotion and till) per endpoint and expectation, as the fuzz scenario makes them.</summary>
internal static class FuzzTargets
{
    public static RequestTarget For(EndpointSpec endpoint, FuzzExpectation expected)
    {
        var member = $"M-{EndpointCatalog.All.ToList().IndexOf(endpoint)}{(expected == FuzzExpectation.Refused ? "r" : "a")}";
        return new RequestTarget(member, "T-" + member, "S-" + member, "COF", "2026-11-20T10:00:00Z", "C" + member, "P" + member, "TL" + member);
    }

    public static IReadOnlyList<FuzzCase> Generate(int seed) => new FuzzGenerator(seed).Generate(EndpointCatalog.All, For);
}
