using System.Security.Cryptography;
using System.Text;
using Loyalty.Domain.Identity;

namespace Loyalty.Domain.SignIn;

/// <summary>
/// The key under which a sign-in code is kept: the SHA-256 of the identifier's kind and normal form, so that the
/// table of codes holds no e-mail address or phone number.
/// </summary>
public static class IdentifierDigest
{
    public static string Of(MemberIdentifier identifier) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{identifier.Field}:{identifier.Value}")));
}
