using Loyalty.Domain.Insights;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Hosting;

/// <summary>Checks <c>Loyalty:Insights</c> at start-up; the engine does not start on a bad threshold.</summary>
public sealed class InsightsOptionsValidator : IValidateOptions<InsightsOptions>
{
    public ValidateOptionsResult Validate(string? name, InsightsOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
