using System.Security.Cryptography;

namespace Loyalty.Domain.SignIn;

/// <summary>What a member who signs themself up is called and numbered.</summary>
public static class SignUp
{
    public const int MaxNameLength = 200;
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new member id: <c>m-</c> and 16 random base32 characters (80 bits), within the member id rule.</summary>
    public static string NewMemberId()
    {
        Span<char> id = stackalloc char[18];
        id[0] = 'm';
        id[1] = '-';
        for (var i = 2; i < id.Length; i++)
            id[i] = Base32[RandomNumberGenerator.GetInt32(Base32.Length)];
        return new string(id);
    }

    /// <summary>The name given, else the local part of the e-mail address, else "Member".</summary>
    public static string NameFor(string? given, string? email)
    {
        if (!string.IsNullOrWhiteSpace(given))
            return given.Trim();
        var local = email?.Split('@')[0].Trim();
        if (string.IsNullOrEmpty(local))
            return "Member";
        return local.Length > MaxNameLength ? local[..MaxNameLength] : local;
    }
}
