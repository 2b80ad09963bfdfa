using static Loyalty.FaultTests.Hostile.FuzzExpectation;
using static Loyalty.FaultTests.Hostile.HostileCategories;

namespace Loyalty.FaultTests.Hostile;

/// <summary>Hostile input outside the body's fields: whole bodies, member ids in the path, query strings.</summary>
internal static class RequestLevelHostileInput
{
    /// <summary>A hostile member id, percent-encoded as it goes in the path.</summary>
    internal sealed record PathMemberId(string Description, string Escaped, bool RefusedBeforeTheEngine = false);

    public static readonly IReadOnlyList<PathMemberId> MemberIds =
    [
        new("NUL", "M%00X", RefusedBeforeTheEngine: true),
        new("only NUL", "%00", RefusedBeforeTheEngine: true),
        new("encoded ../", "..%2F..%2Fapi"),
        new("encoded dots", "%2E%2E"),
        new("../ (the client resolves it)", "../x"),
        new("trailing newline", "M-1%0A"),
        new("carriage return and line feed", "M-1%0D%0AX-Injected:%201"),
        new("space", "M%201"),
        new("encoded slash", "M%2F1"),
        new("encoded question mark", "M-1%3Fx%3D1"),
        new("emoji", "M-%F0%9F%98%80"),
        new("right-to-left override", "M-%E2%80%AE1"),
        new("invalid UTF-8", "M-%FF%FE"),
        new("lone surrogate as UTF-8", "M-%ED%A0%80"),
        new("65 characters (one over)", new string('A', 65)),
        new("5,000 characters", new string('A', 5_000)),
        new("20,000 characters (over the request line limit)", new string('A', 20_000), RefusedBeforeTheEngine: true),
    ];

    /// <summary>Query strings for an endpoint that reads <c>limit</c> and <c>before</c>, and whether each must be refused.</summary>
    public static readonly IReadOnlyList<(string Description, string Query, FuzzExpectation Expected)> PagingQueries =
    [
        ("limit=-1", "limit=-1", Refused),
        ("limit=0", "limit=0", Refused),
        ("limit=201", "limit=201", Refused),
        ("limit=1e9", "limit=1e9", Refused),
        ("limit of 20 digits", "limit=99999999999999999999", Refused),
        ("limit=abc", "limit=abc", Refused),
        ("limit with NUL", "limit=1%00", Refused),
        ("limit=1.5", "limit=1.5", Refused),
        ("limit twice", "limit=1&limit=2", Refused),
        ("before=garbage", "before=garbage", Refused),
        ("before=-5", "before=-5", Refused),
        ("before=0", "before=0", Refused),
        ("before=1e30", "before=1e30", Refused),
        ("before of 30 digits", "before=999999999999999999999999999999", Refused),
        ("before with right-to-left override", "before=1%E2%80%AE", Refused),
        ("an unknown parameter", "x=%00%FF", MayBeAccepted),
        ("empty limit", "limit=", MayBeAccepted),
    ];

    /// <summary>Query strings for an endpoint that reads <c>active</c> (true or false), and whether each must be refused.</summary>
    public static readonly IReadOnlyList<(string Description, string Query, FuzzExpectation Expected)> ActiveQueries =
    [
        ("active=true", "active=true", MayBeAccepted),
        ("active=false", "active=false", MayBeAccepted),
        ("active=yes", "active=yes", Refused),
        ("active=TRUE (case matters)", "active=TRUE", Refused),
        ("active=1", "active=1", Refused),
        ("active empty", "active=", Refused),
        ("active with NUL", "active=true%00", Refused),
        ("active twice", "active=true&active=false", Refused),
        ("active of 7,000 characters", "active=" + new string('t', 7_000), Refused),
        ("an unknown parameter", "x=%00%FF", MayBeAccepted),
    ];

    /// <summary>Query strings for an endpoint that reads none: ignored.</summary>
    public static readonly IReadOnlyList<(string Description, string Query)> IgnoredQueries =
    [
        ("limit=-1 where there is no paging", "limit=-1"),
        ("NUL and invalid UTF-8", "x=%00%FF%FE"),
        ("7,000 characters", "x=" + new string('q', 7_000)),
    ];

    /// <summary>Bodies that are not JSON at all, or cut short.</summary>
    public static readonly IReadOnlyList<(string Description, string Body)> MalformedBodies =
    [
        ("an opening brace", "{"),
        ("a property without value", "{\"transactionId\":"),
        ("single quotes", "{'transactionId':'T-1'}"),
        ("a trailing comma", "{\"transactionId\":\"T-1\",}"),
        ("a comment", "{/* hi */\"transactionId\":\"T-1\"}"),
        ("an unquoted name", "{transactionId:\"T-1\"}"),
        ("garbage after the object", "{\"transactionId\":\"T-1\"}x"),
        ("two objects", "{}{}"),
        ("an unterminated string", "{\"transactionId\":\"T-1"),
        ("an invalid escape", "{\"transactionId\":\"\\x41\"}"),
        ("form data", "transactionId=T-1&points=1"),
        ("XML", "<purchase><transactionId>T-1</transactionId></purchase>"),
    ];

    /// <summary>Valid JSON that is not an object.</summary>
    public static readonly IReadOnlyList<(string Description, string Body)> NotObjects =
    [
        ("an empty body", ""),
        ("null", "null"),
        ("an array", "[]"),
        ("a number", "42"),
        ("a string", "\"text\""),
        ("true", "true"),
        ("an empty object", "{}"),
    ];

    /// <summary>Wrong content types for a JSON body.</summary>
    public static readonly IReadOnlyList<(string Description, string? ContentType)> ContentTypes =
    [
        ("text/plain", "text/plain"),
        ("application/xml", "application/xml"),
        ("no content type", null),
        ("form data", "application/x-www-form-urlencoded"),
    ];

    public static string DeeplyNestedArrays(int depth) => new string('[', depth) + new string(']', depth);

    public static string DeeplyNestedObjects(int depth) =>
        string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    public static IEnumerable<(string Category, string Description, string Body)> StructuralBodies()
    {
        foreach (var (description, body) in MalformedBodies)
            yield return (MalformedJson, description, body);
        foreach (var (description, body) in NotObjects)
            yield return (NotAnObject, description, body);
        yield return (NestedArrays, "arrays nested 1,000 deep", DeeplyNestedArrays(1_000));
        yield return (NestedArrays, "objects nested 200 deep", DeeplyNestedObjects(200));
    }
}
