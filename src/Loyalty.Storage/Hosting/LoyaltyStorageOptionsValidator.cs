using Microsoft.Extensions.Options;

namespace Loyalty.Storage.Hosting;

/// <summary>Refuses storage options that cannot work, naming the configuration key at fault.</summary>
internal sealed class LoyaltyStorageOptionsValidator : IValidateOptions<LoyaltyStorageOptions>
{
    private const string Section = LoyaltyStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, LoyaltyStorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Section}:{nameof(options.Provider)} must be {StorageProvider.Sqlite} or {StorageProvider.PostgreSql}.");
        }

        if (options.Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}:{nameof(options.ConnectionString)} is required when {Section}:{nameof(options.Provider)} is {StorageProvider.PostgreSql}.");
        }

        if (options.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString)
            && string.IsNullOrWhiteSpace(options.DataFolder))
        {
            failures.Add($"{Section}:{nameof(options.DataFolder)} must name a folder when {Section}:{nameof(options.ConnectionString)} is not set.");
        }

        if (options.CommandTimeoutSeconds < 1)
        {
            failures.Add($"{Section}:{nameof(options.CommandTimeoutSeconds)} must be at least 1.");
        }

        if (options.ConnectTimeoutSeconds < 1)
        {
            failures.Add($"{Section}:{nameof(options.ConnectTimeoutSeconds)} must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
