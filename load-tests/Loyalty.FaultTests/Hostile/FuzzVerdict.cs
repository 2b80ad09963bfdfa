using System.Text.Json;

namespace Loyalty.FaultTests.Hostile;

/// <summary>How the engine answered a hostile request, and whether that is allowed.</summary>
/// <param name="Accepted">A 2xx: the request was carried out.</param>
/// <param name="RefusedWithProblem">A 4xx problem details answer with a <c>type</c>.</param>
/// <param name="RefusedBeforeTheEngine">A 4xx without a body from the HTTP server itself, where the case allows it.</param>
/// <param name="Violation">What is wrong with the answer, or null when it is allowed.</param>
internal sealed record FuzzVerdict(bool Accepted, bool RefusedWithProblem, bool RefusedBeforeTheEngine, string? Violation)
{
    public static FuzzVerdict Judge(FuzzCase c, int status, string? mediaType, string body)
    {
        if (status >= 500)
            return new(false, false, false, $"{status}: the engine failed");
        if (status is >= 200 and < 300)
            return c.Expected == FuzzExpectation.Refused
                ? new(true, false, false, $"{status}: accepted, but the contract refuses it")
                : new(true, false, false, null);
        if (status is < 400 or >= 500)
            return new(false, false, false, $"{status}: neither accepted nor refused");
        if (mediaType == "application/problem+json" && HasType(body))
            return new(false, true, false, c.Status is { } expected && status != expected ? $"{status}: the contract answers {expected}" : null);
        if (c.RefusedBeforeTheEngine && body.Length == 0)
            return new(false, false, true, null);
        return new(false, false, false, $"{status} without problem details (content type '{mediaType}')");
    }

    private static bool HasType(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String && type.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
