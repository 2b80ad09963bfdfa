namespace Loyalty.Domain.SignIn;

/// <summary>
/// A one-time sign-in code as it is kept: never the code itself, only its digest with a salt of its own, under the
/// digest of the identifier it was sent to. <see cref="WrongTries"/> counts the tries that were not this code.
/// </summary>
public sealed record SignInCode(string IdentifierDigest, string CodeDigest, string Salt, DateTimeOffset ExpiresAt, int WrongTries);

/// <summary>Whether a kept code can still be tried.</summary>
public enum SignInCodeState
{
    /// <summary>Unexpired, with tries left.</summary>
    Live,
    /// <summary>Older than its lifetime.</summary>
    Expired,
    /// <summary>Used, or tried wrongly too often.</summary>
    Dead,
}
