using Microsoft.Extensions.Options;

namespace Loyalty.Server.SignIn;

public sealed class SignInOptionsValidator : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions o)
    {
        const string p = SignInOptions.SectionName;
        var errors = new List<string>();
        if (o.AccessTokenLifetime < TimeSpan.FromSeconds(5) || o.AccessTokenLifetime > TimeSpan.FromDays(1))
            errors.Add($"{p}:AccessTokenLifetime must be between 00:00:05 and 1.00:00:00 (got {o.AccessTokenLifetime}).");
        if (o.RefreshTokenLifetime <= o.AccessTokenLifetime || o.RefreshTokenLifetime > TimeSpan.FromDays(365))
            errors.Add($"{p}:RefreshTokenLifetime must be longer than AccessTokenLifetime and at most 365 days (got {o.RefreshTokenLifetime}).");
        if (o.CodesPerIdentifier is < 1 or > 100)
            errors.Add($"{p}:CodesPerIdentifier must be between 1 and 100 (got {o.CodesPerIdentifier}).");
        if (o.CodeRequestsPerAddress is < 1 or > 100_000)
            errors.Add($"{p}:CodeRequestsPerAddress must be between 1 and 100000 (got {o.CodeRequestsPerAddress}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
