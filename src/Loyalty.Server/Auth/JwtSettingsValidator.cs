using Microsoft.Extensions.Options;

namespace Loyalty.Server.Auth;

public sealed class JwtSettingsValidator : IValidateOptions<JwtSettings>
{
    public ValidateOptionsResult Validate(string? name, JwtSettings o)
    {
        const string p = JwtSettings.SectionName;
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(o.SigningKey) && !string.IsNullOrEmpty(o.Authority))
            errors.Add($"{p}: give either SigningKey or Authority, not both.");
        if (!string.IsNullOrEmpty(o.SigningKey) && o.SigningKey.Length < 32)
            errors.Add($"{p}:SigningKey must be at least 32 characters (HS256).");
        if (!string.IsNullOrEmpty(o.Authority) && !Uri.TryCreate(o.Authority, UriKind.Absolute, out _))
            errors.Add($"{p}:Authority must be an absolute URL.");
        if (o.IsConfigured && (string.IsNullOrWhiteSpace(o.Issuer) || string.IsNullOrWhiteSpace(o.Audience)))
            errors.Add($"{p}:Issuer and {p}:Audience are required.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
