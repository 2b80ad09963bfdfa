using Loyalty.FaultTests.Endpoints;
using static Loyalty.FaultTests.Hostile.FuzzExpectation;

namespace Loyalty.FaultTests.Hostile;

/// <summary>
/// Query strings for the member lookup: exactly one of card, phone and e-mail, each well formed (a card with its check
/// digit, a phone number, a plain address); anything else is refused. Well-formed ones nobody owns get a 404.
/// </summary>
internal static class LookupHostileQueries
{
    public static IReadOnlyList<(string Description, string Query, FuzzExpectation Expected)> Lookup { get; } =
    [
        ("a card nobody has", "card=4111111111111111", MayBeAccepted),
        ("a phone in national form", "phone=07400%20123456", MayBeAccepted),
        ("a phone in international form", "phone=%2B447400123456", MayBeAccepted),
        ("an e-mail in capitals", "email=NOBODY%40EXAMPLE.ORG", MayBeAccepted),
        ("no identifier", "", Refused),
        ("an unknown parameter only", "name=Ada", Refused),
        ("card and phone", "card=4111111111111111&phone=07400123456", Refused),
        ("card twice", "card=4111111111111111&card=4111111111111111", Refused),
        ("a wrong check digit", "card=4111111111111112", Refused),
        ("15 digits", "card=411111111111111", Refused),
        ("a card with letters", "card=4111abcd11111111", Refused),
        ("a card with NUL", "card=4111111111111111%00", Refused),
        ("a card of 2,000 digits (the request line stays under the HTTP server's 8 KiB)", "card=" + new string('4', 2_000), Refused),
        ("a phone too short", "phone=12", Refused),
        ("a phone with NUL", "phone=07400123456%00", Refused),
        ("a phone of no country", "phone=%2B999123456789", Refused),
        ("an e-mail without domain", "email=nobody%40", Refused),
        ("an e-mail with a space", "email=no%20body%40example.org", Refused),
        ("an e-mail with a display name", "email=Ada%20%3Cada%40example.org%3E", Refused),
        ("an empty e-mail", "email=", Refused),
        ("a partial e-mail (no wildcards)", "email=%25%40example.org", Refused),
    ];

    public static IReadOnlyList<(string Description, string Query, FuzzExpectation Expected)>? For(string template) =>
        template == IdentityEndpoints.LookupTemplate ? Lookup : null;
}
