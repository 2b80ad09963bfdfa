using System.Text;
using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

public sealed class HubRawFramesTests
{
    [Fact]
    public void The_same_seed_gives_the_same_frames()
    {
        var first = HubRawFrames.All(new Random(11));
        var second = HubRawFrames.All(new Random(11));

        Assert.Equal(first.Select(f => f.Description), second.Select(f => f.Description));
        Assert.Equal(first.Select(f => Convert.ToBase64String(f.Frame ?? [])), second.Select(f => Convert.ToBase64String(f.Frame ?? [])));
    }

    [Fact]
    public void Every_message_after_a_valid_handshake_is_terminated_so_the_server_reads_it()
    {
        var frames = HubRawFrames.All(new Random(3));

        Assert.All(frames.Where(f => f.Frame is not null), f =>
        {
            Assert.Equal(HubRawFrames.Handshake, f.HandshakeText);
            Assert.Equal((byte)HubRawFrames.Separator, f.Frame![^1]);
        });
        Assert.Contains(frames, f => f.Frame is null && f.HandshakeText != HubRawFrames.Handshake);
        Assert.Contains(frames, f => f.Frame is not null && Encoding.UTF8.GetString(f.Frame).Contains("\"type\":4", StringComparison.Ordinal));
    }
}
