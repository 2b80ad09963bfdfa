using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Server.Tills;

/// <summary>
/// A till's key and its page's session tokens: 32 random bytes, base64url, behind a prefix that says what they are.
/// Only their SHA-256 digest is stored: with 256 random bits a fast digest is enough (nothing to guess from it).
/// </summary>
public static class TillSecrets
{
    public const string KeyPrefix = "till_";
    public const string SessionPrefix = "tillsession_";

    public static string NewKey() => KeyPrefix + Random();

    public static string NewSessionToken() => SessionPrefix + Random();

    public static string NewTillId() => "till-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Lower-case hex SHA-256 of the credential as presented.</summary>
    public static string Digest(string credential) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));

    private static string Random() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
