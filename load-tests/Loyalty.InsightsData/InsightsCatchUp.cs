using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Loyalty.InsightsData;

/// <summary>
/// Waits, through the engine's marketing API, until its insights read model holds what was sent: every purchase marks
/// its member in the same transaction as its ledger entry, and the projector clears the mark when it writes the
/// member, so the 12-month revenue and the members with one reach the sent figures once nothing marked is left.
/// </summary>
public static class InsightsCatchUp
{
    public const string Probe = "api/insights/top-members?share=1&limit=1";

    /// <summary>The members with a 12-month spend and that revenue, as the read model reports them now.</summary>
    public static async Task<(long Members, decimal Revenue)> ReadAsync(HttpClient marketing, CancellationToken cancel = default)
    {
        var top = await marketing.GetFromJsonAsync<JsonNode>(Probe, cancel)
            ?? throw new InvalidOperationException($"GET {Probe} answered nothing.");
        return ((long)top["members"]!, (decimal)top["totalRevenue"]!);
    }

    /// <summary>
    /// Polls until the read model reports at least <paramref name="members"/> members and <paramref name="revenue"/> of
    /// 12-month revenue; false when <paramref name="timeout"/> passes first. <paramref name="last"/> is the last reading.
    /// </summary>
    public static async Task<(bool CaughtUp, (long Members, decimal Revenue) Last)> WaitAsync(HttpClient marketing, long members, decimal revenue,
        TimeSpan timeout, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = await ReadAsync(marketing, cancel);
            if (last.Members >= members && last.Revenue >= revenue)
                return (true, last);
            if (clock.Elapsed >= timeout)
                return (false, last);
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancel);
        }
    }
}
