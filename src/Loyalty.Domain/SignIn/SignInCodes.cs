using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Domain.SignIn;

/// <summary>
/// The rules of one-time sign-in codes: six random digits, valid <see cref="Lifetime"/>, dead after
/// <see cref="MaxWrongTries"/> wrong tries, kept only as an HMAC-SHA256 digest keyed by a salt of their own.
/// Pure: the caller gives the instant.
/// </summary>
public static class SignInCodes
{
    public const int Digits = 6;
    public const int MaxWrongTries = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>A new code: <see cref="Digits"/> digits from the system's cryptographic generator, leading zeros kept.</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Exactly <see cref="Digits"/> ASCII digits.</summary>
    public static bool IsWellFormed(string? code) => code is { Length: Digits } && code.All(char.IsAsciiDigit);

    /// <summary>The code as it is kept for <paramref name="identifierDigest"/>, valid from <paramref name="now"/>.</summary>
    public static SignInCode Keep(string identifierDigest, string code, DateTimeOffset now)
    {
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        return new SignInCode(identifierDigest, Digest(code, salt), salt, now + Lifetime, 0);
    }

    public static string Digest(string code, string salt) =>
        Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(salt), Encoding.UTF8.GetBytes(code)));

    public static SignInCodeState StateAt(SignInCode kept, DateTimeOffset now) =>
        kept.WrongTries >= MaxWrongTries || kept.CodeDigest.Length == 0 ? SignInCodeState.Dead
        : now >= kept.ExpiresAt ? SignInCodeState.Expired
        : SignInCodeState.Live;

    /// <summary>Whether <paramref name="code"/> is the kept one (compared in constant time).</summary>
    public static bool Matches(SignInCode kept, string code) =>
        kept.CodeDigest.Length > 0 && IsWellFormed(code) &&
        CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(kept.CodeDigest), Convert.FromBase64String(Digest(code, kept.Salt)));
}
