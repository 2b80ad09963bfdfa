using Loyalty.LoadTests;
using Loyalty.LoadTests.Report;

// Load scenarios against a running engine; see load-tests/README.md.
//   dotnet run -c Release --project load-tests/Loyalty.LoadTests -- latency --count 1000
//   dotnet run -c Release --project load-tests/Loyalty.LoadTests -- push --watchers 100 --count 1000 --protocol messagepack
//   dotnet run -c Release --project load-tests/Loyalty.LoadTests -- ceiling --count 1000
//   dotnet run -c Release --project load-tests/Loyalty.LoadTests -- load --members 10000 --distribution zipf --duration 30
//   dotnet run -c Release --project load-tests/Loyalty.LoadTests -- hot --tills 16 --duration 30
//   dotnet run -c Release --project load-tests/Loyalty.LoadTests -- lookup --count 1000
//   dotnet run -c Release --project load-tests/Loyalty.LoadTests -- report load-tests/results/<run>
//   dotnet run -c Release --project load-tests/Loyalty.LoadTests -- measure-cpu --json cpu.json --cpu-of host=1234 -- wrk …
//   dotnet run -c Release --project load-tests/Loyalty.LoadTests -- sign-in --smtp-port 2525 --count 50
//   dotnet run -c Release --project load-tests/Loyalty.LoadTests -- cold --members 2000 --tills 8   (see load-tests/cold.sh)
if (args is ["report", .. var reportArgs])
    return await ReportCommand.Run(reportArgs);
if (args is ["measure-cpu", .. var measureArgs])
    return await Loyalty.LoadTests.Cpu.MeasureCpuCommand.Run(measureArgs);
if (args is ["sign-in", .. var signInArgs])
    return await SignInRoundTrip.Run(signInArgs);
if (args is ["cold", .. var coldArgs])
    return await ColdMembers.Run(coldArgs);

Arguments options;
try
{
    options = Arguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Arguments.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(Arguments.Usage);
    return 0;
}

using var stop = new CancellationTokenSource(options.Timeout);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

using var http = new LoyaltyHttpDriver(options.Url, options.Key);
try
{
    var result = options.Scenario switch
    {
        Scenario.Push => await new PushScenario(options, http).Run(stop.Token),
        Scenario.Ceiling => await new CeilingScenario(options, http).Run(stop.Token),
        Scenario.Lookup => await new LookupScenario(options, http).Run(stop.Token),
        Scenario.Load or Scenario.Hot => await new LoadScenario(options, http).Run(stop.Token),
        _ => await new LatencyScenario(options, http).Run(stop.Token),
    };
    Console.WriteLine(result.Summary);
    if (options.JsonPath is { } path)
        await result.WriteJson(path, CancellationToken.None);
    return result.Clean ? 0 : 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine($"stopped: the run did not finish within {options.Timeout.TotalSeconds:0} s or was interrupted");
    return 3;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"failed: {e.Message}");
    return 1;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    Console.Error.WriteLine($"failed: {e.GetType().Name}: {e.Message}");
    return 1;
}
