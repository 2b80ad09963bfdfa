namespace Loyalty.FaultTests.Hostile;

/// <summary>One hostile request and what the engine must do with it.</summary>
/// <param name="Endpoint">The endpoint's key, <c>POST /api/members/{memberId}/purchases</c>.</param>
/// <param name="Category">One of <see cref="HostileCategories"/>.</param>
/// <param name="Description">What is hostile about it, e.g. <c>lines[0].quantity: 1e308</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The request target, percent-encoded as sent.</param>
/// <param name="Body">The body bytes, or null for none.</param>
/// <param name="ContentType">The Content-Type header, or null for none.</param>
/// <param name="Expected">Whether it must be refused or may succeed.</param>
/// <param name="MemberId">The member enrolled for the run whose account it aims at (null when the path's member id is itself hostile).</param>
/// <param name="RefusedBeforeTheEngine">
/// The HTTP server may refuse it at the protocol level (a NUL in the path, a request line over its limit), before
/// any of the engine's code runs and so without problem details.
/// </param>
/// <param name="Status">The status a refusal must have where the contract names one; null for any 4xx.</param>
internal sealed record FuzzCase(
    string Endpoint,
    string Category,
    string Description,
    string Method,
    string PathAndQuery,
    byte[]? Body,
    string? ContentType,
    FuzzExpectation Expected,
    string? MemberId,
    bool RefusedBeforeTheEngine = false,
    int? Status = null);
