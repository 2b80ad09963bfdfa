using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Endpoints;

/// <summary>What the fault tests know of one endpoint: who may call it, its body's fields, and a valid body.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Template">The route as the OpenAPI document writes it, e.g. <c>/api/members/{memberId}/purchases</c>.</param>
/// <param name="Access">Who may call it.</param>
/// <param name="Fields">The body's fields (none when the call has no body).</param>
/// <param name="QueryParameters">The query string parameters it reads.</param>
/// <param name="ValidBody">A body the engine accepts, for a target; null when the call has no body.</param>
internal sealed record EndpointSpec(
    string Method,
    string Template,
    EndpointAccess Access,
    IReadOnlyList<FieldSpec> Fields,
    IReadOnlyList<string> QueryParameters,
    Func<RequestTarget, JsonObject>? ValidBody)
{
    public string Key => $"{Method} {Template}";

    public bool HasBody => ValidBody is not null;

    public bool HasMemberInPath => Template.Contains("{memberId}", StringComparison.Ordinal);

    /// <summary>Whether an accepted call changes an account (what the state checks watch).</summary>
    public bool Writes => Method is "PUT" or "POST" or "DELETE" && HasMemberInPath;

    /// <summary>The path for a member id, escaped as given (hostile ids come already percent-encoded).</summary>
    public string PathFor(string escapedMemberId) => Template.Replace("{memberId}", escapedMemberId, StringComparison.Ordinal);
}
