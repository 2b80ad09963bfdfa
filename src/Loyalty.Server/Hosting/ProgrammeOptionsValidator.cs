using Loyalty.Domain;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Hosting;

/// <summary>Checks <c>Loyalty:Program</c> at start-up; the engine does not start on a bad programme.</summary>
public sealed class ProgrammeOptionsValidator : IValidateOptions<ProgrammeOptions>
{
    public ValidateOptionsResult Validate(string? name, ProgrammeOptions options)
    {
        var errors = ProgrammeOptionsValidation.Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
