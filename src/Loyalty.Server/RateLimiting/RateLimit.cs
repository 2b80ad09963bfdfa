using System.Threading.RateLimiting;

namespace Loyalty.Server.RateLimiting;

/// <summary>
/// One caller's limit, a token bucket: <see cref="Burst"/> calls at once, refilled continuously at
/// <see cref="PermitsPerSecond"/> (a fraction is allowed: 0.5 is one call every two seconds).
/// </summary>
public sealed class RateLimit
{
    public const double MaxPermitsPerSecond = 1_000_000;
    public const int MaxBurst = 10_000_000;

    public double PermitsPerSecond { get; set; }
    public int Burst { get; set; }

    public RateLimit() { }

    public RateLimit(double permitsPerSecond, int burst) => (PermitsPerSecond, Burst) = (permitsPerSecond, burst);

    /// <summary>
    /// The bucket: one token per period of 1/<see cref="PermitsPerSecond"/>. Not replenished by a timer of its own:
    /// the partitioned limiter that holds it replenishes it (by the time elapsed) on its own heartbeat.
    /// </summary>
    public TokenBucketRateLimiterOptions ToTokenBucket() => new()
    {
        TokenLimit = Burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, (long)(TimeSpan.TicksPerSecond / PermitsPerSecond))),
        QueueLimit = 0,
        AutoReplenishment = false,
    };

    /// <summary>What is wrong with this limit, if anything, naming its configuration key.</summary>
    public IEnumerable<string> Check(string key)
    {
        if (!(PermitsPerSecond > 0 && PermitsPerSecond <= MaxPermitsPerSecond))
            yield return $"{key}:{nameof(PermitsPerSecond)} must be above 0 and at most {MaxPermitsPerSecond:0} (got {PermitsPerSecond}).";
        if (Burst is < 1 or > MaxBurst)
            yield return $"{key}:{nameof(Burst)} must be between 1 and {MaxBurst} (got {Burst}).";
    }
}
