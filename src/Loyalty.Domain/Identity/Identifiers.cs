using System.Net.Mail;
using System.Security.Cryptography;
using PhoneNumbers;

namespace Loyalty.Domain.Identity;

/// <summary>
/// The identifier rules: how an e-mail address, a phone number and a card number are written in their normal form, and
/// when they are not identifiers at all. Pure: the phone rules are libphonenumber's metadata, nothing is looked up.
/// </summary>
public static class Identifiers
{
    public const int CardLength = 16;
    public const int MaxEmailLength = 254;
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>Trimmed and lower-case, if it is a plain address (<c>local@domain.tld</c>); else null.</summary>
    public static string? NormaliseEmail(string? raw)
    {
        var email = raw?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || email.Length > MaxEmailLength || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return null;
        var at = email.LastIndexOf('@');
        if (at <= 0 || at != email.IndexOf('@') || !IsDomain(email.AsSpan(at + 1)))
            return null;
        return MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && parsed.DisplayName.Length == 0 ? email : null;
    }

    /// <summary>At least two dot-separated labels (<c>example.com</c>), none empty (no <c>..</c>, no trailing dot) or over 63 characters.</summary>
    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        foreach (var range in domain.Split('.'))
        {
            if (domain[range].Length is 0 or > 63)
                return false;
            labels++;
        }
        return labels >= 2;
    }

    /// <summary>
    /// In E.164 (<c>+447700900123</c>) if it is a valid number: international (<c>+44 7700 900123</c>, <c>0044...</c>) or
    /// national in <paramref name="defaultRegion"/> (<c>07700 900123</c> in <c>GB</c>); else null.
    /// </summary>
    public static string? NormalisePhone(string? raw, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 40)
            return null;
        try
        {
            var number = Phones.Parse(raw.Trim(), defaultRegion?.ToUpperInvariant());
            return Phones.IsValidNumber(number) ? Phones.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="region"/> is a region libphonenumber knows (<c>GB</c>, <c>DE</c>, <c>US</c>...).</summary>
    public static bool IsKnownRegion(string? region) =>
        region is { Length: 2 } && Phones.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>
    /// The 16 digits of a card number, typed with or without spaces or dashes between groups, if its last digit is the
    /// Luhn check digit of the others; else null.
    /// </summary>
    public static string? NormaliseCard(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 40)
            return null;
        var digits = new string(raw.Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length != CardLength || !digits.All(char.IsAsciiDigit))
            return null;
        return LuhnCheckDigit(digits.AsSpan(0, CardLength - 1)) == digits[^1] - '0' ? digits : null;
    }

    /// <summary>A new card number: 15 random digits and their Luhn check digit.</summary>
    public static string NewCardNumber()
    {
        Span<char> digits = stackalloc char[CardLength];
        for (var i = 0; i < CardLength - 1; i++)
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        digits[0] = (char)('1' + RandomNumberGenerator.GetInt32(9)); // no leading zero: it survives spreadsheets
        digits[^1] = (char)('0' + LuhnCheckDigit(digits[..^1]));
        return new string(digits);
    }

    /// <summary>The Luhn check digit of <paramref name="payload"/> (the digits before it).</summary>
    public static int LuhnCheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var digit = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                    digit -= 9;
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }
}
