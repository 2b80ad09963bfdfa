using Microsoft.Extensions.Options;

namespace Loyalty.Server.RateLimiting;

/// <summary>The engine refuses to start with a limit that cannot work, naming the key at fault.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        const string p = RateLimitOptions.SectionName;
        var errors = options.ApiKey.Check($"{p}:{nameof(options.ApiKey)}")
            .Concat(options.MemberToken.Check($"{p}:{nameof(options.MemberToken)}"))
            .Concat(options.Anonymous.Check($"{p}:{nameof(options.Anonymous)}"))
            .Concat(options.HubCalls.Check($"{p}:{nameof(options.HubCalls)}"))
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
