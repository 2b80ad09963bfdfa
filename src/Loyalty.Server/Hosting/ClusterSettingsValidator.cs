using System.Net;
using Loyalty.Storage;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Hosting;

/// <summary>Refuses cluster settings that cannot work, naming the configuration key at fault.</summary>
public sealed class ClusterSettingsValidator(IOptions<LoyaltyStorageOptions> storage) : IValidateOptions<ClusterSettings>
{
    private const string Section = ClusterSettings.SectionName;

    public ValidateOptionsResult Validate(string? name, ClusterSettings settings)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(settings.Mode))
            failures.Add($"{Section}:{nameof(settings.Mode)} must be one of {string.Join(", ", Enum.GetNames<ClusterMode>())}.");

        var provider = storage.Value.Provider;
        if (settings.UsesDatabase && provider != StorageProvider.PostgreSql)
        {
            failures.Add($"{Section}:{nameof(settings.Mode)} {settings.Mode} keeps the cluster's membership and reminders in PostgreSQL: " +
                $"it needs {LoyaltyStorageOptions.SectionName}:{nameof(LoyaltyStorageOptions.Provider)} {StorageProvider.PostgreSql} (it is {provider}).");
        }

        if (string.IsNullOrWhiteSpace(settings.ServiceId))
            failures.Add($"{Section}:{nameof(settings.ServiceId)} must not be empty.");
        if (string.IsNullOrWhiteSpace(settings.ClusterId))
            failures.Add($"{Section}:{nameof(settings.ClusterId)} must not be empty.");
        CheckPort(failures, nameof(settings.SiloPort), settings.SiloPort);
        CheckPort(failures, nameof(settings.GatewayPort), settings.GatewayPort);
        if (settings.SiloPort == settings.GatewayPort)
            failures.Add($"{Section}:{nameof(settings.SiloPort)} and {Section}:{nameof(settings.GatewayPort)} must differ.");

        var storageBound = storage.Value.OperationBoundSeconds;
        if (settings.CallTimeoutSeconds <= storageBound || settings.CallTimeoutSeconds > 300)
        {
            failures.Add($"{Section}:{nameof(settings.CallTimeoutSeconds)} must be longer than one storage operation may take " +
                $"({storageBound} s, from {LoyaltyStorageOptions.SectionName}:{nameof(LoyaltyStorageOptions.CommandTimeoutSeconds)}" +
                (provider == StorageProvider.PostgreSql ? $" and {nameof(LoyaltyStorageOptions.ConnectTimeoutSeconds)}" : "") +
                $") and at most 300 (it is {settings.CallTimeoutSeconds}).");
        }

        if (IPAddress.TryParse(settings.AdvertisedAddress, out var address)
            && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None)))
        {
            failures.Add($"{Section}:{nameof(settings.AdvertisedAddress)} must be an address other nodes can reach, not '{settings.AdvertisedAddress}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(List<string> failures, string key, int port)
    {
        if (port is < 1 or > 65535)
            failures.Add($"{Section}:{key} must be between 1 and 65535.");
    }
}
