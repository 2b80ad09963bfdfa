using Loyalty.MemoryProbe;

// Managed memory per active member grain, against an empty grain on the same silo; see load-tests/README.md.
//   dotnet run -c Release --project load-tests/Loyalty.MemoryProbe -- --members 100000
ProbeOptions options;
try
{
    options = ProbeOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(ProbeOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(ProbeOptions.Usage);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    var report = await ProbeRun.RunAsync(options, Console.Out, stop.Token);
    Console.WriteLine();
    Console.Write(ReportWriter.Table(report));
    if (options.JsonPath is { } path)
        await ReportWriter.WriteJsonAsync(report, path, CancellationToken.None);
    // A missed target is a finding, not a failure of the probe.
    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("stopped before the measurement was complete");
    return 3;
}
catch (Exception e)
{
    Console.Error.WriteLine($"failed: {e.GetType().Name}: {e.Message}");
    return 1;
}
