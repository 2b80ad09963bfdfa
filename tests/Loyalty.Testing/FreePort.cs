using System.Net;
using System.Net.Sockets;

namespace Loyalty.Testing;

public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A loopback TCP port that was free a moment ago, and not handed out before in this process: the system may give a
    /// port just released again, so two calls in a row (a silo port and a gateway port) could otherwise get the same one.
    /// </summary>
    public static int Next()
    {
        lock (HandedOut)
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
}
