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
if (options.WriteTo is { } directory)
{
    var written = new ImportFileWriter(generator, options.Format).Write(directory, options.Members, options.Sales);
    Console.WriteLine($"seed {options.Seed}, asOf {options.AsOf:yyyy-MM-ddTHH:mm:ssZ}: {written.Summary.Members.Values.Sum()} members, {written.Summary.Sales} purchases");
    Console.WriteLine(written.Summary.Format());
    Console.WriteLine($"wrote {written.MembersPath} and {written.SalesPath}");
    return 0;
}
var summary = PlantSummary.Of(generator.Members(options.Members));
Console.WriteLine($"seed {options.Seed}, asOf {options.AsOf:yyyy-MM-ddTHH:mm:ssZ}: {options.Members} members, {summary.Sales} purchases");
Console.WriteLine(summary.Format());
if (options.DryRun)
    return 0;

using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Add("X-Api-Key", options.Key);
using var stop = new CancellationTokenSource(options.Timeout);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var marketing = options.MarketingKey is { } marketingKey ? new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) } : null;
marketing?.DefaultRequestHeaders.Add("X-Api-Key", options.MarketingKey);
var sender = new EngineSender(http, options.Concurrency);
var clock = Stopwatch.StartNew();
var stopped = false;
try
{
    var before = marketing is null ? default : await InsightsCatchUp.ReadAsync(marketing, stop.Token);
    await sender.SendAsync(generator.Members(options.Members), stop.Token);
    Console.WriteLine($"sent {sender.MembersSent} members and {sender.SalesSent} purchases ({sender.RevenueSent:0.00} new) in {clock.Elapsed.TotalSeconds:0.0} s, {sender.Failures} failed");
    if (marketing is not null)
    {
        var waited = Stopwatch.StartNew();
        var (caughtUp, last) = await InsightsCatchUp.WaitAsync(marketing, 0, before.Revenue + sender.RevenueSent, options.Timeout - clock.Elapsed, stop.Token);
        Console.WriteLine(caughtUp
            ? $"insights caught up in {waited.Elapsed.TotalSeconds:0.0} s: {last.Members} members with a 12-month spend of {last.Revenue:0.00}"
            : $"insights not caught up within --timeout: {last.Members} members, {last.Revenue:0.00} of {before.Revenue + sender.RevenueSent:0.00}");
        if (!caughtUp)
            return 4;
    }
}
catch (OperationCanceledException)
{
    stopped = true;
    Console.WriteLine($"stopped after {sender.MembersSent} members and {sender.SalesSent} purchases");
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"the engine's insights could not be read: {e.Message}");
    return 1;
}
if (sender.FirstFailure is { } first)
    Console.WriteLine($"first failure: {first}");
return stopped ? 3 : sender.Failures > 0 ? 1 : 0;
