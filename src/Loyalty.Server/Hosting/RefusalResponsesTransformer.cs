using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Loyalty.Server.Hosting;

/// <summary>
/// Declares in the OpenAPI document the two refusals every API call may get, whatever the call: 429 when its caller is
/// over their rate limit, and 503 when the database does not answer in time; both with <c>Retry-After</c>. A call that
/// names a member may also get 410, once that member was erased.
/// </summary>
public sealed class RefusalResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true)
            return Task.CompletedTask;
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("429", Refusal(
            "Over the caller's rate limit (per API key, member token, or address): nothing was done. Problem details, type urn:loyalty:problem:rate-limited."));
        operation.Responses.TryAdd("503", Refusal(
            "The database did not answer in time: a change may not have been made. Retry with the same transaction id. " +
            "Problem details, type urn:loyalty:problem:storage-unavailable."));
        if (context.Description.RelativePath.Contains("{memberId}", StringComparison.Ordinal))
            operation.Responses.TryAdd("410", new OpenApiResponse
            {
                Description = "The member was erased at their request (GDPR): every call with the id is refused. Problem details, type urn:loyalty:problem:member-erased.",
            });
        return Task.CompletedTask;
    }

    private static OpenApiResponse Refusal(string description) => new()
    {
        Description = description,
        Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before retrying.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
            },
        },
    };
}
