namespace Loyalty.Grains;

/// <summary>
/// A command reached a member that froze to merge into another while the command waited: nothing was applied, and the
/// member grain sends it on to the member it merges into. Never leaves the grain.
/// </summary>
internal sealed class MemberMergingException() : Exception("The member is merging into another.");
