using System.Text;

namespace Loyalty.FaultTests.Hostile;

/// <summary>
/// Hostile SignalR JSON protocol traffic, below what a client library would send: bad handshakes, frames that are
/// not JSON or not a hub message, messages of unknown or client-forbidden types. Each goes on a fresh WebSocket.
/// </summary>
internal static class HubRawFrames
{
    /// <summary>The SignalR JSON protocol's record separator, which ends every message.</summary>
    public const char Separator = '\u001e';

    public const string Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e";

    /// <param name="Description">What is hostile about it.</param>
    /// <param name="Handshake">The handshake sent first (the valid one unless the handshake is the attack).</param>
    /// <param name="Frame">What is sent after it, or null when only the handshake is hostile.</param>
    internal sealed record RawFrame(string Description, string HandshakeText, byte[]? Frame);

    public static IReadOnlyList<RawFrame> All(Random random)
    {
        var frames = new List<RawFrame>
        {
            new("an XML protocol handshake", "{\"protocol\":\"xml\",\"version\":1}\u001e", null),
            new("protocol version 99", "{\"protocol\":\"json\",\"version\":99}\u001e", null),
            new("a handshake that is not JSON", "hello\u001e", null),
            new("a handshake without separator, then silence", "{\"protocol\":\"json\",\"version\":1}", null),
        };
        foreach (var (description, message) in Messages())
            frames.Add(new(description, Handshake, Encoding.UTF8.GetBytes(message + Separator)));
        for (var i = 0; i < 4; i++)
        {
            var bytes = RandomInput.Bytes(random, 256);
            frames.Add(new($"{bytes.Length} random bytes", Handshake, [.. bytes, (byte)Separator]));
        }
        return frames;
    }

    private static IEnumerable<(string, string)> Messages()
    {
        yield return ("an opening brace", "{");
        yield return ("an empty message", "");
        yield return ("NUL bytes", "\0\0\0");
        yield return ("an array", "[1,2,3]");
        yield return ("no type", "{\"target\":\"Watch\",\"arguments\":[\"M-1\"]}");
        yield return ("unknown message type 99", "{\"type\":99}");
        yield return ("type as a string", "{\"type\":\"1\",\"target\":\"Watch\",\"arguments\":[\"M-1\"]}");
        yield return ("arguments not an array", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Watch\",\"arguments\":\"M-1\"}");
        yield return ("no target", "{\"type\":1,\"invocationId\":\"1\",\"arguments\":[\"M-1\"]}");
        yield return ("three null arguments", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Watch\",\"arguments\":[null,null,null]}");
        yield return ("an argument of 1e308", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Watch\",\"arguments\":[1e308]}");
        yield return ("arguments nested 1,000 deep",
            "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Watch\",\"arguments\":[" + RequestLevelHostileInput.DeeplyNestedArrays(1_000) + "]}");
        yield return ("an invocation id of 10,000 characters",
            "{\"type\":1,\"invocationId\":\"" + new string('9', 10_000) + "\",\"target\":\"Watch\",\"arguments\":[\"M-1\"]}");
        yield return ("a property given twice", "{\"type\":1,\"type\":1,\"invocationId\":\"1\",\"target\":\"Watch\",\"arguments\":[\"M-1\"]}");
        yield return ("a stream invocation of a method that does not stream",
            "{\"type\":4,\"invocationId\":\"1\",\"target\":\"Watch\",\"arguments\":[\"M-1\"]}");
        yield return ("a completion from the client", "{\"type\":3,\"invocationId\":\"1\",\"result\":1}");
        yield return ("a cancellation of nothing", "{\"type\":5,\"invocationId\":\"none\"}");
        yield return ("a stream item for no stream", "{\"type\":2,\"invocationId\":\"1\",\"item\":1}");
        yield return ("a close from the client with an error", "{\"type\":7,\"error\":\"\\u0000bye\"}");
        yield return ("an invocation of OnConnectedAsync", "{\"type\":1,\"invocationId\":\"1\",\"target\":\"OnConnectedAsync\",\"arguments\":[]}");
    }
}
