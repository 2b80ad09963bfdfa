namespace Loyalty.FaultTests.Hostile;

/// <summary>Hostile calls of the hub's methods: bad member ids, wrong argument types and counts, unknown methods.</summary>
internal static class HubHostileInvocations
{
    /// <summary>What the hub must do with an invocation.</summary>
    internal enum Outcome
    {
        /// <summary>Answer with an error (a <c>HubException</c> at the client); the connection stays open.</summary>
        Error,

        /// <summary>An error, or nothing at all (<c>Unwatch</c> of a member not watched is a no-op); the connection stays open.</summary>
        ErrorOrNothing,

        /// <summary>Close the connection (a message over the hub's size limit); a new connection works.</summary>
        ConnectionClosed,
    }

    internal sealed record Invocation(string Description, string Method, object?[] Arguments, Outcome Expected);

    /// <summary>The default largest message a SignalR hub accepts is 32 KiB; this is twice that.</summary>
    public const int OverMessageLimit = 64 * 1024;

    public static IReadOnlyList<Invocation> All(string enrolledMemberId)
    {
        var list = new List<Invocation>();
        foreach (var (description, id) in HostileIds())
        {
            list.Add(new($"Watch({description})", "Watch", [id], Outcome.Error));
            list.Add(new($"Unwatch({description})", "Unwatch", [id], Outcome.ErrorOrNothing));
        }
        foreach (var (description, value) in WrongTypes())
        {
            list.Add(new($"Watch({description})", "Watch", [value], Outcome.Error));
            list.Add(new($"Unwatch({description})", "Unwatch", [value], Outcome.Error));
        }
        list.Add(new("Watch()", "Watch", [], Outcome.Error));
        list.Add(new("Watch(member, member)", "Watch", [enrolledMemberId, enrolledMemberId], Outcome.Error));
        list.Add(new("Watch(member, 1, null)", "Watch", [enrolledMemberId, 1, null], Outcome.Error));
        list.Add(new("Unwatch()", "Unwatch", [], Outcome.Error));
        list.Add(new("Unwatch(member, member)", "Unwatch", [enrolledMemberId, enrolledMemberId], Outcome.Error));
        foreach (var method in UnknownMethods())
            list.Add(new($"{method.Replace("\0", "\\0", StringComparison.Ordinal)}(member)", method, [enrolledMemberId], Outcome.Error));
        list.Add(new("Watch(64 KiB string)", "Watch", [new string('A', OverMessageLimit)], Outcome.ConnectionClosed));
        return list;
    }

    private static IEnumerable<(string, string?)> HostileIds()
    {
        yield return ("null", null);
        yield return ("empty", "");
        yield return ("spaces", "   ");
        yield return ("trailing newline", "M-1\n");
        yield return ("NUL", "M\0X");
        yield return ("../", "../x");
        yield return ("65 characters", new string('A', 65));
        yield return ("10,000 characters", new string('A', 10_000));
        yield return ("right-to-left override", "M-\u202E1");
        yield return ("emoji", "M-\U0001F600");
        yield return ("combining marks", "M\u0301\u0301");
        yield return ("an unknown member", "M-not-enrolled-" + Guid.NewGuid().ToString("N")[..8]);
    }

    private static IEnumerable<(string, object)> WrongTypes()
    {
        yield return ("42", 42);
        yield return ("true", true);
        yield return ("1e308", 1e308);
        yield return ("an array", new[] { 1, 2 });
        yield return ("an object", new Dictionary<string, object> { ["memberId"] = "M-1" });
    }

    private static IEnumerable<string> UnknownMethods() =>
        ["Purchase", "OnConnectedAsync", "OnDisconnectedAsync", "Dispose", "Groups", "Watch\0", "Watch ", "Unknown" + new string('x', 1_000)];
}
