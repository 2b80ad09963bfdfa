namespace Loyalty.Domain.Identity;

/// <summary>
/// An identifier in its normal form (see <see cref="Identifiers"/>): an e-mail address trimmed and lower-case, a phone
/// number in E.164, a card number of 16 digits. Each belongs to at most one member.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.identity.member-identifier")]
public sealed record MemberIdentifier([property: Id(0)] IdentifierKind Kind, [property: Id(1)] string Value)
{
    public static MemberIdentifier Email(string normalised) => new(IdentifierKind.Email, normalised);
    public static MemberIdentifier Phone(string normalised) => new(IdentifierKind.Phone, normalised);
    public static MemberIdentifier Card(string normalised) => new(IdentifierKind.Card, normalised);

    /// <summary>The field of a request that carries this kind of identifier: <c>email</c>, <c>phone</c>, <c>card</c>.</summary>
    public string Field => Kind switch
    {
        IdentifierKind.Email => "email",
        IdentifierKind.Phone => "phone",
        _ => "card",
    };
}
