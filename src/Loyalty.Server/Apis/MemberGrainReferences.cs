using Loyalty.Grains;

namespace Loyalty.Server.Apis;

/// <summary>
/// References to member grains made from their ids alone. Orleans' <c>GetGrain&lt;IMemberGrain&gt;(id)</c> resolves the
/// interface's grain type on every call (it reads the interface's attributes and parses its type name), which was
/// about a twelfth of the engine's CPU time per balance read; here that is done once, and each reference is the same
/// one Orleans would make: the same grain type, interface and key.
/// </summary>
internal static class MemberGrainReferences
{
    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);

    // Both are fixed by the interface and its grain class, alike on every node: the first reference made tells them.
    private static Types? types;

    public static IMemberGrain Member(this IGrainFactory grains, string memberId)
    {
        if (types is { } known)
            return (IMemberGrain)grains.GetGrain(GrainId.Create(known.Grain, memberId), known.Interface);
        var reference = grains.GetGrain<IMemberGrain>(memberId);
        var made = (GrainReference)(object)reference;
        types = new Types(made.GrainId.Type, made.InterfaceType);
        return reference;
    }
}
