using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Loyalty.Testing;

namespace Loyalty.LoadTests;

/// <summary>
/// The sign-in round trip of a new member, one after another: code request, the mail received by an SMTP server this
/// tool runs on loopback, tokens, account read. The engine must send its mail there:
/// <c>Loyalty:Mail:Smtp:Host=127.0.0.1</c>, <c>Port</c> = <c>--smtp-port</c>, <c>Security=None</c>, and allow the
/// calls of one address: <c>Loyalty:Identity:CodeRequestsPerAddress</c> at least the count, and
/// <c>Loyalty:RateLimits:Anonymous</c> above the 10 a second a run makes.
/// </summary>
internal static class SignInRoundTrip
{
    public const string Usage = "usage: Loyalty.LoadTests sign-in --smtp-port PORT [--url http://localhost:5080] [--count 50]";

    public static async Task<int> Run(string[] args)
    {
        var options = args.Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!options.TryGetValue("--smtp-port", out var portText) || !int.TryParse(portText, CultureInfo.InvariantCulture, out var port)
            || args.Length % 2 != 0 || options.Keys.Any(k => k is not ("--smtp-port" or "--url" or "--count")))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var count = options.TryGetValue("--count", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : 50;
        var url = new Uri(options.GetValueOrDefault("--url", "http://localhost:5080"));

        await using var smtp = SmtpTestServer.Start(port);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var run = Guid.NewGuid().ToString("N")[..8];
        var total = new double[count];
        var mail = new double[count];
        for (var i = 0; i < count; i++)
        {
            var email = $"round-trip-{run}-{i}@example.org";
            var started = Stopwatch.GetTimestamp();
            (await http.PostAsJsonAsync("/api/auth/codes", new { email })).EnsureSuccessStatusCode();
            var code = (await smtp.WaitForMailAsync(email)).SignInCode;
            mail[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var tokens = JsonNode.Parse(await (await http.PostAsJsonAsync("/api/auth/tokens", new { email, code })).EnsureSuccessStatusCode().Content.ReadAsStringAsync())!;
            using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/members/{tokens["memberId"]}");
            read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (string)tokens["accessToken"]!);
            (await http.SendAsync(read)).EnsureSuccessStatusCode();
            total[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Console.WriteLine($"sign-in round trips: {count}; code request to mail received: {LatencySummary.Of(mail)}; " +
                          $"code request to account read: {LatencySummary.Of(total)}");
        return 0;
    }
}
