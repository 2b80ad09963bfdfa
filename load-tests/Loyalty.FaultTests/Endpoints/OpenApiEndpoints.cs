using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Endpoints;

/// <summary>The endpoints an OpenAPI document lists, matched against <see cref="EndpointCatalog"/>.</summary>
internal sealed record OpenApiEndpoints(IReadOnlyList<EndpointSpec> Known, IReadOnlyList<string> Unknown)
{
    /// <summary>The known endpoints of the document, and the contract's calls the document leaves out (health, the document itself).</summary>
    public IReadOnlyList<EndpointSpec> ToTry => [.. Known, .. EndpointCatalog.OutsideTheDocument];

    public const string DocumentPath = "/openapi/v1.json";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    /// <summary>Every operation of the document, as <c>METHOD /template</c>.</summary>
    public static IReadOnlyList<(string Method, string Template)> Operations(JsonNode document) =>
        document["paths"] is JsonObject paths
            ? [.. paths.SelectMany(path => Methods
                .Where(m => path.Value is JsonObject item && item.ContainsKey(m))
                .Select(m => (m.ToUpperInvariant(), path.Key)))]
            : [];

    public static OpenApiEndpoints Match(JsonNode document)
    {
        var known = new List<EndpointSpec>();
        var unknown = new List<string>();
        foreach (var (method, template) in Operations(document))
        {
            if (EndpointCatalog.Find(method, template) is { } spec)
                known.Add(spec);
            else
                unknown.Add($"{method} {template}");
        }
        return new OpenApiEndpoints(known, unknown);
    }

    public static async Task<OpenApiEndpoints> Fetch(HttpClient node, CancellationToken cancellation)
    {
        var text = await node.GetStringAsync(DocumentPath, cancellation);
        return Match(JsonNode.Parse(text) ?? throw new InvalidOperationException("The OpenAPI document is empty."));
    }
}
