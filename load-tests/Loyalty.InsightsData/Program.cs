using System.Diagnostics;
using Loyalty.InsightsData;

SenderOptions options;
try
{
    options = SenderOptions.Parse(args, DateTimeOffset.UtcNow);
}
catch (Exception e) when (e is ArgumentException or UriFormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SenderOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(SenderOptions.Usage);
    return 0;
}

var generator = new InsightsDataGenerator(options.Seed, options.AsOf);
var summary = PlantSummary.Of(generator.Members(options.Members));
Console.WriteLine($"seed {options.Seed}, asOf {options.AsOf:yyyy-MM-ddTHH:mm:ssZ}: {options.Members} members, {summary.Sales} purchases");
Console.WriteLine(summary.Format());
if (options.DryRun)
    return 0;

using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Add("X-Api-Key", options.Key);
using var stop = new CancellationTokenSource(options.Timeout);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var sender = new EngineSender(http, options.Concurrency);
var clock = Stopwatch.StartNew();
var stopped = false;
try
{
    await sender.SendAsync(generator.Members(options.Members), stop.Token);
}
catch (OperationCanceledException)
{
    stopped = true;
}
Console.WriteLine($"sent {sender.MembersSent} members and {sender.SalesSent} purchases in {clock.Elapsed.TotalSeconds:0.0} s, {sender.Failures} failed");
if (sender.FirstFailure is { } first)
    Console.WriteLine($"first failure: {first}");
return stopped ? 3 : sender.Failures > 0 ? 1 : 0;
