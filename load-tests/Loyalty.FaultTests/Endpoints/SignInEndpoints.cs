using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Endpoints;

/// <summary>
/// The calls of member sign-in, open to anyone but sign-out. The fault tests cannot read a code from a mail, nor hold a
/// refresh token the engine issued: their valid-looking token and refresh requests get the same refusal (400, 401)
/// whatever the credentials, which is what these rows expect.
/// </summary>
internal static class SignInEndpoints
{
    private static readonly FieldSpec Email = new("email", FieldKind.Email, Required: true, MaxLength: 254);

    public static IReadOnlyList<EndpointSpec> All { get; } =
    [
        new("POST", "/api/auth/codes", EndpointAccess.Anyone, [Email], [],
            t => new JsonObject { ["email"] = Address(t) }, Status: 202),
        new("POST", "/api/auth/tokens", EndpointAccess.Anyone,
            [Email, new("code", FieldKind.Text, Required: true, MaxLength: 6), new("name", FieldKind.Text, Required: false, MaxLength: 200)],
            [],
            t => new JsonObject { ["email"] = Address(t), ["code"] = "000000", ["name"] = EndpointCatalog.ProfileName }, Status: 400),
        new("POST", "/api/auth/refresh", EndpointAccess.Anyone, [new("refreshToken", FieldKind.Text, Required: true, MaxLength: 43)], [],
            _ => new JsonObject { ["refreshToken"] = new string('A', 43) }, Status: 401),
        new("POST", "/api/auth/sign-out", EndpointAccess.AnyMember, [], [], null, Status: 204),
    ];

    /// <summary>An address of its own for each request, so that no request counts against another's per-identifier limit.</summary>
    private static string Address(RequestTarget target) => $"{target.TransactionId.ToLowerInvariant()}@example.org";
}
