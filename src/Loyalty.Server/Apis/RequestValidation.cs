using FluentValidation;
using Loyalty.Server.Validation;

namespace Loyalty.Server.Apis;

/// <summary>Runs the FluentValidation validator of a body, plus the route's member id, into one errors map.</summary>
public static class RequestValidation
{
    public static Dictionary<string, string[]> Check<T>(IValidator<T> validator, T? body, string? memberId = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (memberId is not null && !Rules.MemberId().IsMatch(memberId))
            errors["memberId"] = ["'memberId' must be 1 to 64 letters, digits, '-' or '_'."];
        if (body is null)
        {
            errors["body"] = ["A JSON request body is required."];
            return errors;
        }
        foreach (var group in validator.Validate(body).Errors.GroupBy(e => e.PropertyName))
            errors[string.IsNullOrEmpty(group.Key) ? "body" : group.Key] = group.Select(e => e.ErrorMessage).Distinct().ToArray();
        return errors;
    }

    /// <summary>Most entries a page of a keyset-paged list (the activity, the audit logs) holds, and how many it holds unless asked.</summary>
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;

    /// <summary>
    /// The paging parameters of a list read newest first: <c>limit</c> 1 to <see cref="MaxPageSize"/>, <c>before</c>
    /// a positive sequence number, both in plain digits.
    /// </summary>
    public static void CheckPage(IQueryCollection query, int? limit, long? before, Dictionary<string, string[]> errors)
    {
        CheckPlainInteger(query, "limit", errors);
        CheckPlainInteger(query, "before", errors);
        if (limit is < 1 or > MaxPageSize && !errors.ContainsKey("limit"))
            errors["limit"] = [$"'limit' must be between 1 and {MaxPageSize}."];
        if (before is < 1 && !errors.ContainsKey("before"))
            errors["before"] = ["'before' must be a positive sequence number."];
    }

    /// <summary>
    /// A numeric query parameter is written as plain digits, with an optional minus sign. Binding alone is lenient
    /// ("1\0", " 5" and "+5" would all read as numbers).
    /// </summary>
    public static void CheckPlainInteger(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var values))
            return;
        foreach (var value in values)
        {
            var digits = value is ['-', .. var rest] ? rest : value;
            if (!string.IsNullOrEmpty(value) && (digits!.Length == 0 || !digits.All(char.IsAsciiDigit)))
            {
                errors[name] = [$"'{name}' must be a whole number written in digits."];
                return;
            }
        }
    }

    public static Dictionary<string, string[]> CheckMemberId(string memberId) =>
        Rules.MemberId().IsMatch(memberId)
            ? []
            : new() { ["memberId"] = ["'memberId' must be 1 to 64 letters, digits, '-' or '_'."] };
}
