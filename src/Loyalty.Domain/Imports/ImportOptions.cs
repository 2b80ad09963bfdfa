namespace Loyalty.Domain.Imports;

/// <summary>The imports' limits and pace (<c>Loyalty:Import</c>).</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Loyalty:Import";

    /// <summary>How old a historical sale may be, in years before now.</summary>
    public int MaxHistoryYears { get; set; } = 3;

    /// <summary>The longest line accepted, in characters; a longer one is refused (and not held in memory).</summary>
    public int MaxLineLength { get; set; } = 65_536;

    /// <summary>The largest request body an import accepts, in megabytes (it is streamed to disk, never held in memory).</summary>
    public int MaxBodyMegabytes { get; set; } = 1024;

    /// <summary>Lines read and applied together: one call per member of the chunk, with all its lines.</summary>
    public int ChunkLines { get; set; } = 4000;

    /// <summary>Member calls in flight at once while a chunk is applied.</summary>
    public int MaxCallsInFlight { get; set; } = 64;

    /// <summary>The first rejected lines an import's status keeps (the count goes on beyond).</summary>
    public int MaxReportedErrors { get; set; } = 1000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxHistoryYears is < 1 or > 50)
            errors.Add($"{SectionName}:{nameof(MaxHistoryYears)} must be between 1 and 50.");
        if (MaxLineLength is < 1024 or > 16_777_216)
            errors.Add($"{SectionName}:{nameof(MaxLineLength)} must be between 1024 and 16777216.");
        if (MaxBodyMegabytes is < 1 or > 1_048_576)
            errors.Add($"{SectionName}:{nameof(MaxBodyMegabytes)} must be between 1 and 1048576.");
        if (ChunkLines is < 1 or > 100_000)
            errors.Add($"{SectionName}:{nameof(ChunkLines)} must be between 1 and 100000.");
        if (MaxCallsInFlight is < 1 or > 1024)
            errors.Add($"{SectionName}:{nameof(MaxCallsInFlight)} must be between 1 and 1024.");
        if (MaxReportedErrors is < 0 or > 100_000)
            errors.Add($"{SectionName}:{nameof(MaxReportedErrors)} must be between 0 and 100000.");
        return errors;
    }
}
