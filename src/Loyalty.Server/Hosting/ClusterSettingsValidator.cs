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
        if (settings.GatewayPort is { } gateway)
        {
            CheckPort(failures, nameof(settings.GatewayPort), gateway);
            if (settings.SiloPort == gateway)
                failures.Add($"{Section}:{nameof(settings.SiloPort)} and {Section}:{nameof(settings.GatewayPort)} must differ.");
        }
        CheckTls(failures, settings);

        var storageBound = storage.Value.OperationBoundSeconds;
        if (settings.CallTimeoutSeconds <= storageBound || settings.CallTimeoutSeconds > 300)
        {
            failures.Add($"{Section}:{nameof(settings.CallTimeoutSeconds)} must be longer than one storage operation may take " +
                $"({storageBound} s, from {LoyaltyStorageOptions.SectionName}:{nameof(LoyaltyStorageOptions.CommandTimeoutSeconds)}" +
                (provider == StorageProvider.PostgreSql ? $" and {nameof(LoyaltyStorageOptions.ConnectTimeoutSeconds)}" : "") +
                $") and at most 300 (it is {settings.CallTimeoutSeconds}).");
        }

        if (settings.DirectoryCacheSize is < 0 or > 10_000_000)
            failures.Add($"{Section}:{nameof(settings.DirectoryCacheSize)} must be between 0 and 10000000 (it is {settings.DirectoryCacheSize}).");

        if (IPAddress.TryParse(settings.AdvertisedAddress, out var address)
            && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None)))
        {
            failures.Add($"{Section}:{nameof(settings.AdvertisedAddress)} must be an address other nodes can reach, not '{settings.AdvertisedAddress}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckTls(List<string> failures, ClusterSettings settings)
    {
        const string tls = ClusterTlsSettings.SectionName;
        if (settings.Tls.DisableForLocalTrials && settings.Tls.IsConfigured)
        {
            failures.Add($"{tls}:{nameof(ClusterTlsSettings.DisableForLocalTrials)} and {tls}:{nameof(ClusterTlsSettings.CertificatePath)} are both set: " +
                "remove one (the first turns TLS off, the second configures it).");
        }
        else if (settings.Tls.IsConfigured)
        {
            try
            {
                ClusterCertificates.Load(settings.Tls);
            }
            catch (InvalidOperationException ex)
            {
                failures.Add(ex.Message);
            }
        }
        else if (settings.UsesDatabase && !settings.Tls.DisableForLocalTrials)
        {
            failures.Add($"{tls}:{nameof(ClusterTlsSettings.CertificatePath)} and {tls}:{nameof(ClusterTlsSettings.TrustedCaPath)} must be set under " +
                $"{Section}:{nameof(settings.Mode)} {settings.Mode}: the nodes authenticate each other and encrypt their traffic with mutual TLS " +
                $"(see the README, Security). Only for a trial on one machine: {tls}:{nameof(ClusterTlsSettings.DisableForLocalTrials)} true.");
        }
    }

    private static void CheckPort(List<string> failures, string key, int port)
    {
        if (port is < 1 or > 65535)
            failures.Add($"{Section}:{key} must be between 1 and 65535.");
    }
}
