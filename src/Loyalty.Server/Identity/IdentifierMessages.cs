namespace Loyalty.Server.Identity;

/// <summary>What a malformed identifier is told, the same in a body and in a query or route.</summary>
public static class IdentifierMessages
{
    public static string Email(string field = "email") => $"'{field}' must be an e-mail address such as name@example.com.";

    public static string Phone(string region, string field = "phone") =>
        $"'{field}' must be a phone number, with its country code or in the national form of {region}.";

    public static string Card(string field = "card") => $"'{field}' must be 16 digits, the last its check digit.";
}
