namespace Loyalty.Grains.Privacy;

/// <summary>The member was erased (GDPR): every call with its id is refused, and the API answers 410 Gone.</summary>
[GenerateSerializer, Alias("loyalty.member-erased")]
public sealed class MemberErasedException : Exception
{
    public MemberErasedException() { }
    public MemberErasedException(string message) : base(message) { }
    public MemberErasedException(string message, Exception inner) : base(message, inner) { }

    public static MemberErasedException Of(string memberId) =>
        new($"Member '{memberId}' was erased at their request: nothing is kept about them but the amounts, and the id cannot be used again.");
}
