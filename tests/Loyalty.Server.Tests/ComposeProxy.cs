using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Loyalty.Testing;

namespace Loyalty.Server.Tests;

/// <summary>
/// The compose cluster's load balancer as deploy/docker ships it: its entry point (nginx-entrypoint.sh) and its
/// configuration (nginx.conf.template), run with this machine's nginx in a folder of its own, on loopback ports, in
/// front of one engine. Only the entry point's settings differ from the container's.
/// </summary>
internal sealed class ComposeProxy : IAsyncDisposable
{
    private static readonly string Files = Path.Combine(AppContext.BaseDirectory, "ComposeProxy");
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ComposeProxy(string folder, Process process)
    {
        Folder = folder;
        _process = process;
    }

    public string Folder { get; }
    public int HttpPort { get; private init; }
    public int HttpsPort { get; private init; }
    public string TlsFolder => Path.Combine(Folder, "tls");
    public string AccessLogPath => Path.Combine(Folder, "access.log");
    public Uri Https => new($"https://127.0.0.1:{HttpsPort}/");
    public Uri Http => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>What the entry point and nginx wrote: the entry point's messages and nginx's error log.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The certificate in the TLS folder: mounted there, or made by the entry point.</summary>
    public X509Certificate2 Certificate => X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(TlsFolder, "cert.pem")));

    /// <summary>Runs the entry point in <paramref name="folder"/> (its <c>tls</c> folder may hold a mounted certificate).</summary>
    public static async Task<ComposeProxy> StartAsync(Uri engine, string folder)
    {
        var nginx = FindNginx();
        var (httpPort, httpsPort) = (FreePort.Next(), FreePort.Next());
        var conf = Path.Combine(folder, "nginx.conf");
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(Files, "nginx-entrypoint.sh"),
                     nginx, "-p", folder, "-c", conf, "-g", $"daemon off; pid {Path.Combine(folder, "nginx.pid")};",
                 })
            start.ArgumentList.Add(argument);
        start.Environment["LB_NODES"] = $"127.0.0.1:{engine.Port}";
        start.Environment["LB_HTTP_LISTEN"] = $"127.0.0.1:{httpPort}";
        start.Environment["LB_HTTPS_LISTEN"] = $"127.0.0.1:{httpsPort}";
        start.Environment["LB_HTTPS_PORT"] = httpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["LB_TLS_DIR"] = Path.Combine(folder, "tls");
        start.Environment["LB_ACCESS_LOG"] = Path.Combine(folder, "access.log");
        start.Environment["LB_TEMPLATE"] = Path.Combine(Files, "nginx.conf.template");
        start.Environment["LB_CONF"] = conf;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the load balancer's entry point.");
        var proxy = new ComposeProxy(folder, process) { HttpPort = httpPort, HttpsPort = httpsPort };
        process.OutputDataReceived += (_, e) => proxy.Record(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await proxy.WaitUntilListeningAsync();
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
        return proxy;
    }

    /// <summary>The access log's lines, once one line contains <paramref name="expected"/> (nginx writes a line when its request ends).</summary>
    public async Task<string[]> AccessLogOnceAsync(string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = File.Exists(AccessLogPath) ? await File.ReadAllLinesAsync(AccessLogPath) : [];
            if (lines.Any(l => l.Contains(expected, StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
                return lines;
            await Task.Delay(50);
        }
    }

    private void Record(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();  // and for its output to be read to the end
                throw new InvalidOperationException($"The load balancer stopped with exit code {_process.ExitCode}:{Environment.NewLine}{Output}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", HttpsPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"The load balancer did not listen on {HttpsPort} within 20 s:{Environment.NewLine}{Output}");
    }

    /// <summary>nginx on the PATH or in Debian's sbin folders (not on a plain user's PATH); test.sh installs it.</summary>
    private static string FindNginx()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"]);
        return folders.Select(f => Path.Combine(f, "nginx")).FirstOrDefault(File.Exists)
               ?? throw new InvalidOperationException(
                   "nginx was not found (PATH, /usr/sbin): the load balancer's tests run the real nginx. ./test.sh installs it " +
                   "when it is missing; by hand: apt-get install nginx openssl gettext-base");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
