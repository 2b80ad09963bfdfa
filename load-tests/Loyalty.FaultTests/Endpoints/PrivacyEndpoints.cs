namespace Loyalty.FaultTests.Endpoints;

/// <summary>
/// The members' data rights: support, or the member themself, erases a member. Permitted, it erases for good: the
/// access matrix aims it at a member of its own (<see cref="EndpointSpec.ErasesMember"/>), never at the run's member the
/// other calls need, and tries it with every credential (a second erasure answers the same 200); the fuzz pass aims it
/// at the members it makes for it.
/// </summary>
internal static class PrivacyEndpoints
{
    public static IReadOnlyList<EndpointSpec> All { get; } =
    [
        new("DELETE", "/api/members/{memberId}", EndpointAccess.SupportOrThatMember, [], [], null),
    ];
}
