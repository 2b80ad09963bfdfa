namespace Loyalty.SqlBaseline;

public enum BaselineProvider { Sqlite, PostgreSql }

/// <summary>The <c>Baseline</c> configuration section.</summary>
public sealed class BaselineOptions
{
    public const string SectionName = "Baseline";

    public BaselineProvider Provider { get; set; } = BaselineProvider.Sqlite;

    /// <summary>PostgreSQL: required. SQLite: defaults to the file <c>data/baseline.db</c> under the content root.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Accepted <c>X-Api-Key</c> values; any of them may make every call.</summary>
    public string[] ApiKeys { get; set; } = [];
}
