using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Domain.SignIn;

/// <summary>A refresh token as it is kept: its digest, its family (one sign-in), its expiry, and when it was spent.</summary>
public sealed record RefreshToken(string Digest, string FamilyId, string MemberId, DateTimeOffset ExpiresAt, DateTimeOffset? SpentAt, bool FamilyRevoked);

/// <summary>What a presented refresh token is worth.</summary>
public enum RefreshVerdict
{
    /// <summary>Unspent, unexpired, in a live family: spend it for a new pair.</summary>
    Usable,
    /// <summary>Not a token the engine issued (or one long gone).</summary>
    Unknown,
    Expired,
    /// <summary>Its family was revoked (signed out, or a spent token was reused).</summary>
    Revoked,
    /// <summary>Spent already: someone replays it. The whole family is revoked.</summary>
    Reused,
}

/// <summary>
/// The rules of rotating refresh tokens: 32 random bytes, base64url, kept only as their SHA-256. Each use spends the
/// token and issues the next of the same family; presenting a spent one revokes the family.
/// </summary>
public static class RefreshTokens
{
    public const int Bytes = 32;

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>A family id (one sign-in): 16 random bytes, base64url.</summary>
    public static string NewFamilyId() => Base64Url(RandomNumberGenerator.GetBytes(16));

    public static string Digest(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>43 base64url characters, as <see cref="NewToken"/> writes them.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static RefreshVerdict Judge(RefreshToken? kept, DateTimeOffset now) => kept switch
    {
        null => RefreshVerdict.Unknown,
        { FamilyRevoked: true } => RefreshVerdict.Revoked,
        { SpentAt: not null } => RefreshVerdict.Reused,
        _ when now >= kept.ExpiresAt => RefreshVerdict.Expired,
        _ => RefreshVerdict.Usable,
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
