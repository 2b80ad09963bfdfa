using Loyalty.Domain.Identity;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Identity;

/// <summary>The engine does not start with a default region libphonenumber does not know.</summary>
public sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options) =>
        Identifiers.IsKnownRegion(options.DefaultRegion)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{IdentityOptions.SectionName}:DefaultRegion must be a two-letter region such as 'GB', 'DE' or 'US' (got '{options.DefaultRegion}').");
}
