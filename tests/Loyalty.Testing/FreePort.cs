using System.Net;
using System.Net.Sockets;

namespace Loyalty.Testing;

/// <summary>
/// Loopback TCP ports for the engines, nodes and servers the tests start.
/// </summary>
/// <remarks>
/// A port the system hands out for "any free port" lies in its ephemeral range, from which it also takes the local port
/// of every outgoing connection: between the test probing such a port and the engine binding it, another process's
/// connection may take it, and the engine then ends at its start ("address already in use"). So the ports come from
/// below the ephemeral range (32768 and up on Linux) and the ports Orleans' test clusters pick from (12000 and up), in blocks of
/// <see cref="BlockSize"/>: each test process holds the blocks it uses by a lock on a file of its own per block (the
/// system releases it when the process ends, however it ends), so test processes running side by side never hand out
/// the same port. Each port is still probed before it is handed out, for a server another program left running.
/// </remarks>
public static class FreePort
{
    private const int FirstPort = 7000;
    private const int BlockSize = 500;
    private const int Blocks = 8; // 7000 to 10999 (the local cluster scripts use 11210 and up)
    private static readonly string LockFolder = Path.Combine(Path.GetTempPath(), "loyalty-test-ports");

    private static readonly object Gate = new();
    private static readonly List<FileStream> HeldBlocks = [];
    private static int _next;
    private static int _end;

    /// <summary>A loopback TCP port free a moment ago and never handed out before, in this process or another test process.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            while (true)
            {
                if (_next >= _end && !TakeBlock())
                    return AnyFreePort();
                var port = _next++;
                if (IsFree(port))
                    return port;
            }
        }
    }

    private static bool TakeBlock()
    {
        Directory.CreateDirectory(LockFolder);
        for (var block = 0; block < Blocks; block++)
        {
            var first = FirstPort + block * BlockSize;
            if (first < _end)
                continue; // held by this process already, and used up
            try
            {
                // FileShare.None takes an exclusive lock on the file that other processes see, released when this one ends.
                HeldBlocks.Add(new FileStream(Path.Combine(LockFolder, $"{first}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                continue; // another test process holds it
            }
            (_next, _end) = (first, first + BlockSize);
            return true;
        }
        return false;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Every block held by other test processes: a port from the system's ephemeral range, as a last resort.</summary>
    private static readonly HashSet<int> HandedOut = [];

    private static int AnyFreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.Add(port))
                return port;
        }
    }
}
