namespace Loyalty.Server.Hosting;

/// <summary>
/// How long a stopping node may take (<c>Loyalty:ShutdownTimeout</c>, default 30 s): Kestrel stops accepting
/// connections and finishes the requests under way, then the silo deactivates its grains, which store their state and
/// copy their ledger outbox. What is still running when the time is up is cut off.
/// </summary>
public static class ShutdownSettings
{
    public const string TimeoutKey = "Loyalty:ShutdownTimeout";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    public static IServiceCollection AddLoyaltyShutdown(this IServiceCollection services)
    {
        services.AddOptions<HostOptions>().Configure<IConfiguration>((o, configuration) => o.ShutdownTimeout = Timeout(configuration));
        return services;
    }

    /// <summary>The configured timeout; a bad value stops the start with a message naming the key.</summary>
    public static TimeSpan Timeout(IConfiguration configuration)
    {
        var value = configuration[TimeoutKey];
        if (string.IsNullOrWhiteSpace(value))
            return DefaultTimeout;
        if (!TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var timeout) || timeout <= TimeSpan.Zero || timeout > MaxTimeout)
            throw new InvalidOperationException($"{TimeoutKey} must be a time span above zero and at most {MaxTimeout:c}, such as 00:00:30 (got '{value}').");
        return timeout;
    }
}
