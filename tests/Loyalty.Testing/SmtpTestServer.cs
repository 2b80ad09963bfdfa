using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Loyalty.Testing;

/// <summary>A mail the <see cref="SmtpTestServer"/> accepted: its envelope and its message as sent (headers and body).</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Message)
{
    /// <summary>The six-digit sign-in code in the message.</summary>
    public string SignInCode =>
        Regex.Match(Message, @"sign-in code is (\d{6})") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The mail holds no sign-in code:\n" + Message);
}

/// <summary>
/// A real SMTP server on loopback (a minimal RFC 5321 receiver: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS,
/// no authentication) that keeps every mail it is given, for tests to read.
/// </summary>
public sealed partial class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedMail> _mails = [];
    private readonly Task _accepting;

    private SmtpTestServer(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>Listens on <paramref name="port"/> of 127.0.0.1 (0: any free port, see <see cref="Port"/>).</summary>
    public static SmtpTestServer Start(int port = 0) => new(port);

    public int Port { get; }

    public string Host => "127.0.0.1";

    public IReadOnlyList<ReceivedMail> Mails
    {
        get
        {
            lock (_mails)
                return _mails.ToList();
        }
    }

    /// <summary>The mails sent to <paramref name="address"/> so far.</summary>
    public IReadOnlyList<ReceivedMail> MailsTo(string address) =>
        Mails.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>Waits (bounded) for the <paramref name="count"/>-th mail to <paramref name="address"/>, and returns it.</summary>
    public async Task<ReceivedMail> WaitForMailAsync(string address, int count = 1, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var mails = MailsTo(address);
            if (mails.Count >= count)
                return mails[count - 1];
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No mail #{count} to {address} within {timeoutSeconds} s (got {mails.Count}).");
            await Task.Delay(10);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 loyalty-tests ESMTP ready");
            string? from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 loyalty-tests");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA" when from is not null && to.Count > 0:
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var message = await ReadDataAsync(reader);
                        lock (_mails)
                            _mails.Add(new ReceivedMail(from, to.ToList(), message));
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("503 MAIL and RCPT first");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task<string> ReadDataAsync(StreamReader reader)
    {
        var message = new StringBuilder();
        while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
            message.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        return message.ToString();
    }

    /// <summary>The address in <c>MAIL FROM:&lt;a@b&gt;</c> or <c>RCPT TO:&lt;a@b&gt;</c>.</summary>
    private static string Address(string line) => AddressPattern().Match(line) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex AddressPattern();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
