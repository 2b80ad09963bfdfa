using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

// Sequential purchase latency against a running engine:
//   dotnet run -c Release --project load-tests/Loyalty.LoadTests -- --url http://localhost:5080 --key dev-till-key --count 1000
var options = Arguments.Parse(args);
using var http = new HttpClient { BaseAddress = new Uri(options.Url) };
http.DefaultRequestHeaders.Add("X-Api-Key", options.Key);

var memberId = "LAT-" + Guid.NewGuid().ToString("N")[..10];
(await http.PutAsJsonAsync($"/api/members/{memberId}", new { name = "Latency probe" })).EnsureSuccessStatusCode();

for (var i = 0; i < options.Warmup; i++)
    await Purchase($"W-{i}");

var samples = new double[options.Count];
for (var i = 0; i < options.Count; i++)
{
    var started = Stopwatch.GetTimestamp();
    await Purchase($"T-{i}");
    samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

Array.Sort(samples);
var report = string.Create(CultureInfo.InvariantCulture,
    $"sequential purchases: {options.Count}, median {Percentile(0.50):0.00} ms, p90 {Percentile(0.90):0.00} ms, p99 {Percentile(0.99):0.00} ms, max {samples[^1]:0.00} ms");
Console.WriteLine(report);
return 0;

async Task Purchase(string transactionId)
{
    var body = new
    {
        transactionId,
        storeId = "S-01",
        lines = new[] { new { sku = "LATTE", category = "coffee", quantity = 1, unitPrice = 3.20m } },
    };
    using var response = await http.PostAsJsonAsync($"/api/members/{memberId}/purchases", body);
    response.EnsureSuccessStatusCode();
}

double Percentile(double p) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(p * samples.Length) - 1)];

internal sealed record Arguments(string Url, string Key, int Count, int Warmup)
{
    public static Arguments Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new Arguments(
            Value("--url", "http://localhost:5080"),
            Value("--key", "dev-till-key"),
            int.Parse(Value("--count", "1000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--warmup", "100"), CultureInfo.InvariantCulture));
    }
}
