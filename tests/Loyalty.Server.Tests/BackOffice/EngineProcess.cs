using System.Diagnostics;
using System.Globalization;
using Loyalty.Testing;

namespace Loyalty.Server.Tests.BackOffice;

/// <summary>
/// The engine's host as a separate process (<c>dotnet Loyalty.Server.dll</c>, Development keys) on a SQLite file of
/// the test's: a process a test can see die, and start again on the same file.
/// </summary>
internal sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;
    /// <summary>The last lines the process wrote (standard output and error), to say why it ended when it should not have.</summary>
    private readonly Queue<string> _lastLines = new();

    private EngineProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <param name="settings">Configuration given on the command line, as key and value.</param>
    public static async Task<EngineProcess> StartAsync(string databasePath, params (string Key, string Value)[] settings)
    {
        var dll = typeof(Loyalty.Server.Apis.MergesApi).Assembly.Location;
        var address = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var argument in new[]
                 {
                     dll, "--urls", address.ToString(),
                     "--Loyalty:Storage:ConnectionString", $"Data Source={databasePath}",
                     "--Loyalty:Cluster:SiloPort", FreePort.Next().ToString(CultureInfo.InvariantCulture),
                     "--Loyalty:Cluster:DirectoryCacheSize", TestEngines.DirectoryCacheSize,
                 })
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add("--" + key);
            start.ArgumentList.Add(value);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The engine did not start.");
        var engine = new EngineProcess(process, address);
        process.OutputDataReceived += (_, line) => engine.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => engine.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await engine.WaitUntilReadyAsync();
        return engine;
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Waits (bounded) until the process has ended by itself.</summary>
    public async Task WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The engine exited with {_process.ExitCode} while starting. Its last lines:\n{LastLines()}");
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The engine was not ready within 90 seconds. Its last lines:\n{LastLines()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
                _lastLines.Dequeue();
        }
    }

    private string LastLines()
    {
        _process.WaitForExit(1000); // the rest of what it wrote before it ended
        lock (_lastLines)
            return string.Join('\n', _lastLines);
    }

    /// <summary>Kills the process at once (SIGKILL): nothing of it runs after, as when a machine fails.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
