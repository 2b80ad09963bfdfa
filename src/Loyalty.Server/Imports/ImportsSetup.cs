using Loyalty.Domain.Imports;
using Loyalty.Grains.Imports;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Imports;

public static class ImportsSetup
{
    /// <summary>The imports: <see cref="ImportOptions"/> (<c>Loyalty:Import</c>), the processor, and the node's running imports.</summary>
    public static IServiceCollection AddLoyaltyImports(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ImportOptions>, ImportOptionsValidator>();
        services.AddSingleton<ImportProcessor>();
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        return services;
    }
}

public sealed class ImportOptionsValidator : IValidateOptions<ImportOptions>
{
    public ValidateOptionsResult Validate(string? name, ImportOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
