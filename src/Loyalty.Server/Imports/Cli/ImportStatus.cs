namespace Loyalty.Server.Imports.Cli;

/// <summary>The engine's answer to <c>GET /api/imports/{importId}</c>.</summary>
public sealed record ImportStatus(string State, long LinesRead, long Accepted, long Skipped, long Rejected, IReadOnlyList<ImportLineError>? Errors)
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>A rejected line: its number in the file, the field at fault (if one) and why.</summary>
public sealed record ImportLineError(long Line, string? Field, string Message);

/// <summary>The engine's answer to <c>POST /api/imports/{kind}</c>.</summary>
public sealed record ImportStarted(string ImportId);
