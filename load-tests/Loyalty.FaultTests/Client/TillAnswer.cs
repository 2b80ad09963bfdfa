namespace Loyalty.FaultTests.Client;

/// <summary>
/// What one HTTP call got: the status, or 0 when no answer came (<see cref="Failure"/> says why: the connection was
/// refused or dropped, or the call timed out), and the body.
/// </summary>
internal sealed record TillAnswer(int Status, string Body, string? Failure = null)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>Whether a till should send the same call again: no answer, or a 5xx.</summary>
    public bool Retryable => Status == 0 || Status >= 500;

    /// <summary>The label this answer is counted under: the status, or the transport failure.</summary>
    public string Outcome => Status == 0 ? Failure ?? "no-answer" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the body is problem details of the given type (e.g. insufficient points).</summary>
    public bool IsProblem(string type) => Body.Contains($"\"{type}\"", StringComparison.Ordinal);
}
