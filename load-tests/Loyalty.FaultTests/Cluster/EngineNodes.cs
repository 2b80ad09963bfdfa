using System.Text;
using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Cluster;

/// <summary>HTTP clients of the cluster's nodes; request <c>n</c> goes to node <c>n mod 3</c>.</summary>
internal sealed class EngineNodes(IReadOnlyList<Uri> nodes) : IDisposable
{
    private readonly HttpClient[] clients = [.. nodes.Select(n => new HttpClient { BaseAddress = n, Timeout = TimeSpan.FromSeconds(60) })];

    public int Count => clients.Length;

    public Uri Address(int node) => clients[node % clients.Length].BaseAddress!;

    public HttpClient Client(int node) => clients[node % clients.Length];

    public async Task<HttpResponseMessage> Send(int node, string method, string pathAndQuery, byte[]? body, string? contentType,
        Credential credential, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Address(node), pathAndQuery));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            // Like a well-behaved client, ask before sending a large body, so a 413 comes before the upload.
            request.Headers.ExpectContinue = body.Length > 64 * 1024;
        }
        credential.ApplyTo(request);
        return await Client(node).SendAsync(request, cancellation);
    }

    public async Task<JsonNode> Json(int node, string method, string path, JsonNode? body, Credential credential,
        CancellationToken cancellation)
    {
        var bytes = body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());
        using var response = await Send(node, method, path, bytes, "application/json", credential, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public void Dispose()
    {
        foreach (var client in clients)
            client.Dispose();
    }
}
