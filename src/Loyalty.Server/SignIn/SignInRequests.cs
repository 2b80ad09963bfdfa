using Loyalty.Domain.Identity;
using Loyalty.Domain.SignIn;
using Loyalty.Server.Validation;

namespace Loyalty.Server.SignIn;

public sealed record CodeRequest(string? Email, string? Phone);

public sealed record TokenRequest(string? Email, string? Phone, string? Code, string? Name);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record TokenResponse(string MemberId, string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, bool Created);

/// <summary>The fields of sign-in requests, checked into one errors map naming each bad field.</summary>
public static class SignInRequests
{
    /// <summary>Exactly one of <c>email</c> and <c>phone</c>, in its normal form.</summary>
    public static MemberIdentifier? Identifier(string? email, string? phone, string region, Dictionary<string, string[]> errors)
    {
        if (email is null && phone is null)
        {
            errors["email"] = ["'email' or 'phone' is required."];
            return null;
        }
        if (email is not null && phone is not null)
        {
            errors["phone"] = ["Give 'email' or 'phone', not both."];
            return null;
        }
        if (email is not null)
        {
            if (Identifiers.NormaliseEmail(email) is { } normal)
                return MemberIdentifier.Email(normal);
            errors["email"] = ["'email' must be an e-mail address such as ada@example.org."];
            return null;
        }
        if (Identifiers.NormalisePhone(phone, region) is { } number)
            return MemberIdentifier.Phone(number);
        errors["phone"] = [$"'phone' must be a phone number: international (+44 7911 123456) or national in {region}."];
        return null;
    }

    public static void CheckCode(string? code, Dictionary<string, string[]> errors)
    {
        if (!SignInCodes.IsWellFormed(code))
            errors["code"] = [$"'code' must be the {SignInCodes.Digits} digits of the code that was sent."];
    }

    public static void CheckName(string? name, Dictionary<string, string[]> errors)
    {
        if (name is not null && (name.Length > SignUp.MaxNameLength || !Rules.Printable().IsMatch(name)))
            errors["name"] = [$"'name' must be printable text of at most {SignUp.MaxNameLength} characters, without surrounding spaces."];
    }
}
