using static Loyalty.FaultTests.Hostile.FuzzExpectation;

namespace Loyalty.FaultTests.Hostile;

/// <summary>
/// Query strings for the ledger export: 'from' and 'to' are each one date, yyyy-MM-dd, in order and at most 366 days
/// apart; anything else is refused.
/// </summary>
internal static class ExportHostileQueries
{
    public static IReadOnlyList<(string Description, string Query, FuzzExpectation Expected)> Ledger { get; } =
    [
        ("one day", "from=2026-02-28&to=2026-02-28", MayBeAccepted),
        ("a leap year whole", "from=2028-01-01&to=2028-12-31", MayBeAccepted),
        ("no dates", "", Refused),
        ("no 'to'", "from=2026-01-01", Refused),
        ("no 'from'", "to=2026-01-01", Refused),
        ("'to' before 'from'", "from=2026-01-02&to=2026-01-01", Refused),
        ("367 days", "from=2025-01-01&to=2026-01-02", Refused),
        ("the whole calendar", "from=0001-01-01&to=9999-12-31", Refused),
        ("the last day there is", "from=9999-12-31&to=9999-12-31", Refused),
        ("29 February of a common year", "from=2026-02-29&to=2026-03-01", Refused),
        ("a month 13", "from=2026-13-01&to=2026-12-31", Refused),
        ("a date with a time", "from=2026-01-01T00:00:00Z&to=2026-01-02", Refused),
        ("a date in another form", "from=01.01.2026&to=2026-01-02", Refused),
        ("'from' twice", "from=2026-01-01&from=2026-01-02&to=2026-01-03", Refused),
        ("a date with NUL", "from=2026-01-01%00&to=2026-01-02", Refused),
        ("an empty date", "from=&to=2026-01-02", Refused),
        ("a date of 2,000 digits", "from=" + new string('9', 2_000) + "&to=2026-01-02", Refused),
        ("an unknown parameter besides", "from=2026-01-01&to=2026-01-02&x=%00%FF", MayBeAccepted),
    ];

    public static IReadOnlyList<(string Description, string Query, FuzzExpectation Expected)>? For(string template) =>
        template == "/api/exports/ledger" ? Ledger : null;
}
