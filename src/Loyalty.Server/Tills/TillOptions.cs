using Microsoft.Extensions.Options;

namespace Loyalty.Server.Tills;

/// <summary>Enrolled tills: <c>Loyalty:Tills</c>.</summary>
public sealed class TillOptions
{
    public const string SectionName = "Loyalty:Tills";

    /// <summary>How often each node reloads the active tills' digests (default 2 s): a revocation reaches every node within it.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a session token of a till's page lives (default 12 h).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>A refresh slower than 4 s could not keep the promise that a revoked till is refused everywhere within 5 s.</summary>
public sealed class TillOptionsValidator : IValidateOptions<TillOptions>
{
    public ValidateOptionsResult Validate(string? name, TillOptions options)
    {
        const string p = TillOptions.SectionName;
        var errors = new List<string>();
        if (options.RefreshInterval < TimeSpan.FromMilliseconds(100) || options.RefreshInterval > TimeSpan.FromSeconds(4))
            errors.Add($"{p}:RefreshInterval must be from 00:00:00.1 to 00:00:04 (got {options.RefreshInterval:c}).");
        if (options.SessionLifetime < TimeSpan.FromMinutes(1) || options.SessionLifetime > TimeSpan.FromDays(7))
            errors.Add($"{p}:SessionLifetime must be from 00:01:00 to 7.00:00:00 (got {options.SessionLifetime:c}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
