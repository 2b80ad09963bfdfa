using static Loyalty.FaultTests.Hostile.FuzzExpectation;

namespace Loyalty.FaultTests.Hostile;

/// <summary>
/// Query strings for the insights calls, by the parameters each reads, and whether each must be refused: every
/// parameter is a whole number in digits within its bounds, a share above 0 and at most 1, or one of a few words.
/// </summary>
internal static class InsightsHostileQueries
{
    public static IReadOnlyList<(string Description, string Query, FuzzExpectation Expected)> Retention { get; } =
    [
        ("period=month", "period=month&count=3", MayBeAccepted),
        ("period=week", "period=week", Refused),
        ("period=MONTH (case matters)", "period=MONTH", Refused),
        ("period empty", "period=", Refused),
        .. WholeNumber("count", max: 60),
        ("an unknown parameter", "x=%00%FF", MayBeAccepted),
    ];

    public static IReadOnlyList<(string Description, string Query, FuzzExpectation Expected)> AtRisk { get; } =
    [
        ("reason=lapsed", "reason=lapsed&limit=5", MayBeAccepted),
        ("reason=unknown", "reason=unknown", Refused),
        ("reason=LAPSED (case matters)", "reason=LAPSED", Refused),
        ("reason twice", "reason=lapsed&reason=aov-falling", Refused),
        ("reason with NUL", "reason=lapsed%00", Refused),
        .. WholeNumber("limit", max: 500),
        ("offset=-1", "offset=-1", Refused),
        ("offset=10001", "offset=10001", Refused),
    ];

    public static IReadOnlyList<(string Description, string Query, FuzzExpectation Expected)> TopMembers { get; } =
    [
        ("share=0.5", "share=0.5", MayBeAccepted),
        ("revenueShare=0.8", "revenueShare=0.8&limit=3", MayBeAccepted),
        .. Share("share"),
        .. Share("revenueShare"),
        ("share and revenueShare", "share=0.2&revenueShare=0.8", Refused),
        .. WholeNumber("limit", max: 500),
    ];

    public static IReadOnlyList<(string Description, string Query, FuzzExpectation Expected)> Lost { get; } =
    [
        ("months=3", "months=3&limit=5", MayBeAccepted),
        .. WholeNumber("months", max: 60),
        .. WholeNumber("limit", max: 500),
    ];

    public static IReadOnlyList<(string Description, string Query, FuzzExpectation Expected)>? For(string template) => template switch
    {
        "/api/insights/retention" => Retention,
        "/api/insights/at-risk" => AtRisk,
        "/api/insights/top-members" => TopMembers,
        "/api/insights/lost" => Lost,
        _ => null,
    };

    private static IEnumerable<(string, string, FuzzExpectation)> WholeNumber(string name, int max) =>
    [
        ($"{name}=0", $"{name}=0", Refused),
        ($"{name}=-1", $"{name}=-1", Refused),
        ($"{name}={max + 1}", $"{name}={max + 1}", Refused),
        ($"{name}=1e3", $"{name}=1e3", Refused),
        ($"{name}=1.5", $"{name}=1.5", Refused),
        ($"{name}=abc", $"{name}=abc", Refused),
        ($"{name} of 20 digits", $"{name}=99999999999999999999", Refused),
        ($"{name} with NUL", $"{name}=1%00", Refused),
        ($"{name} twice", $"{name}=1&{name}=2", Refused),
        ($"{name} empty", $"{name}=", Refused),
    ];

    private static IEnumerable<(string, string, FuzzExpectation)> Share(string name) =>
    [
        ($"{name}=0", $"{name}=0", Refused),
        ($"{name}=1.5", $"{name}=1.5", Refused),
        ($"{name}=-0.2", $"{name}=-0.2", Refused),
        ($"{name}=NaN", $"{name}=NaN", Refused),
        ($"{name}=1e-1", $"{name}=1e-1", Refused),
        ($"{name}=0,2", $"{name}=0,2", Refused),
        ($"{name} with NUL", $"{name}=0.2%00", Refused),
    ];
}
