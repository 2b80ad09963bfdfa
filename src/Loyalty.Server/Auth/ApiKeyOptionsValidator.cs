using Loyalty.Server.RateLimiting;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Auth;

/// <summary>The engine refuses to start without a key, or with a key it could not check.</summary>
public sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        const string p = "Loyalty:Auth:ApiKeys";
        var errors = new List<string>();
        if (options.ApiKeys.Count == 0)
            errors.Add($"{p} is empty: configure at least one key (Key, Name, Role).");
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var k = options.ApiKeys[i];
            var hasKey = !string.IsNullOrEmpty(k.Key);
            var hasHash = !string.IsNullOrEmpty(k.KeySha256);
            if (hasKey == hasHash)
                errors.Add($"{p}:{i} needs exactly one of Key or KeySha256.");
            if (hasKey && k.Key!.Length < 8)
                errors.Add($"{p}:{i}:Key must be at least 8 characters.");
            if (hasHash && (k.KeySha256!.Length != 64 || !k.KeySha256.All(char.IsAsciiHexDigit)))
                errors.Add($"{p}:{i}:KeySha256 must be 64 hex digits.");
            if (string.IsNullOrWhiteSpace(k.Name))
                errors.Add($"{p}:{i}:Name is required.");
            if (!Roles.All.Contains(k.Role))
                errors.Add($"{p}:{i}:Role must be '{Roles.Till}', '{Roles.Marketing}', '{Roles.Operations}' or '{Roles.Support}' (got '{k.Role}').");
            if (k.PermitsPerSecond is not null || k.Burst is not null)
                errors.AddRange(new RateLimit(k.PermitsPerSecond ?? 1, k.Burst ?? 1).Check($"{p}:{i}"));
        }
        // Keys are limited by name, so that keys sharing one (a key and its replacement) share one limit.
        errors.AddRange(options.ApiKeys
            .GroupBy(k => k.Name, StringComparer.Ordinal)
            .Where(g => g.Select(k => (k.PermitsPerSecond, k.Burst)).Distinct().Count() > 1)
            .Select(g => $"{p}: the keys named '{g.Key}' share one rate limit, so they must set the same PermitsPerSecond and Burst."));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
