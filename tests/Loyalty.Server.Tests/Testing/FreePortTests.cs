using System.Net;
using System.Net.Sockets;
using Loyalty.Testing;

namespace Loyalty.Server.Tests.Testing;

/// <summary>The tests' ports come from below the system's ephemeral range, each once, from blocks other test processes cannot take.</summary>
public sealed class FreePortTests
{
    [Fact]
    public void Ports_are_distinct_free_below_the_ephemeral_range_and_their_block_is_held_against_other_processes()
    {
        var ports = Enumerable.Range(0, 50).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 7000, 10999));
        using (var listener = new TcpListener(IPAddress.Loopback, ports[^1]))
            listener.Start(); // handed out free
        var block = Path.Combine(Path.GetTempPath(), "loyalty-test-ports", $"{7000 + (ports[^1] - 7000) / 500 * 500}.lock");
        Assert.Throws<IOException>(() => new FileStream(block, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose());
    }
}
