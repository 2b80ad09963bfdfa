using System.Text.Json;

namespace Loyalty.Domain.Imports;

/// <summary>
/// Reads the checked lines of an import file one at a time (<see cref="ReadAsync"/>), holding one line (or, for a sale
/// in CSV, the rows of one sale) at a time. <see cref="LinesRead"/> counts every line read, blank and refused ones too.
/// </summary>
public abstract class ImportFileReader<T>(ImportLineReader lines) where T : class
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected ImportLineReader Lines => lines;

    public long LinesRead { get; protected set; }

    /// <summary>The next line's value or error, or null at the end of the file.</summary>
    public abstract ValueTask<ImportParsed<T>?> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>The next line, counted; null at the end.</summary>
    protected async ValueTask<ImportTextLine?> NextLineAsync(CancellationToken cancellationToken)
    {
        var line = await lines.ReadAsync(cancellationToken);
        if (line is { } read)
            LinesRead = read.Number;
        return line;
    }

    protected static ImportLineError TooLong(long line, int max) =>
        new(line, "line", $"The line is longer than {max} characters ({ImportOptions.SectionName}:{nameof(ImportOptions.MaxLineLength)}).");

    /// <summary>Reads a JSON line into <typeparamref name="TLine"/>; the error names the field at fault where JSON says which.</summary>
    protected static (TLine? Value, ImportLineError? Error) FromJson<TLine>(ImportTextLine line) where TLine : class
    {
        try
        {
            return JsonSerializer.Deserialize<TLine>(line.Text!, Json) is { } value
                ? (value, null)
                : (null, new ImportLineError(line.Number, "line", "The line is not a JSON object."));
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "line";
            return (null, new ImportLineError(line.Number, field, field == "line"
                ? "The line is not valid JSON."
                : $"'{field}' has the wrong type or form."));
        }
    }

    public static ImportFileReader<ImportedMember> Members(TextReader text, ImportFormat format, ImportLineRules rules)
    {
        var lines = new ImportLineReader(text, rules.Options.MaxLineLength);
        return format == ImportFormat.Csv ? new MembersCsvReader(lines, rules) : new MembersJsonReader(lines, rules);
    }

    public static ImportFileReader<ImportedSale> Sales(TextReader text, ImportFormat format, ImportLineRules rules)
    {
        var lines = new ImportLineReader(text, rules.Options.MaxLineLength);
        return format == ImportFormat.Csv ? new SalesCsvReader(lines, rules) : new SalesJsonReader(lines, rules);
    }
}

internal sealed class MembersJsonReader(ImportLineReader lines, ImportLineRules rules) : ImportFileReader<ImportedMember>(lines)
{
    public override async ValueTask<ImportParsed<ImportedMember>?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (await NextLineAsync(cancellationToken) is not { } line)
            return null;
        if (line.TooLong)
            return new(null, TooLong(line.Number, rules.Options.MaxLineLength));
        var (value, error) = FromJson<MemberLine>(line);
        return error is not null ? new(null, error) : rules.Member(line.Number, value!);
    }
}

internal sealed class SalesJsonReader(ImportLineReader lines, ImportLineRules rules) : ImportFileReader<ImportedSale>(lines)
{
    public override async ValueTask<ImportParsed<ImportedSale>?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (await NextLineAsync(cancellationToken) is not { } line)
            return null;
        if (line.TooLong)
            return new(null, TooLong(line.Number, rules.Options.MaxLineLength));
        var (value, error) = FromJson<SaleLine>(line);
        return error is not null ? new(null, error) : rules.Sale(line.Number, value!);
    }
}
