using System.Text;

namespace Loyalty.Domain.Imports;

/// <summary>
/// The fields of one CSV line (RFC 4180 within a line): separated by commas, a field in double quotes may hold commas
/// and doubled quotes (<c>""</c>). A field cannot span lines. Empty fields are null.
/// </summary>
public static class CsvRow
{
    /// <summary>The fields, or null when the quotes are not closed or text follows a closing quote.</summary>
    public static IReadOnlyList<string?>? Split(string line)
    {
        var fields = new List<string?>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        return null;
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                    return null;
            }
            else
            {
                var end = line.IndexOf(',', i);
                if (end < 0)
                    end = line.Length;
                field.Append(line, i, end - i);
                i = end;
            }
            fields.Add(field.Length == 0 ? null : field.ToString());
            if (i >= line.Length)
                return fields;
            i++; // the comma
            if (i == line.Length)
            {
                fields.Add(null);
                return fields;
            }
        }
    }
}

/// <summary>A CSV file's header: the column of each name (names compared ignoring case; columns in any order).</summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _columns;

    private CsvHeader(Dictionary<string, int> columns) => _columns = columns;

    /// <summary>The header, or the error that refuses the file's first line (missing required columns, repeated names).</summary>
    public static (CsvHeader? Header, string? Error) Parse(string line, IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        if (CsvRow.Split(line) is not { } names)
            return (null, "The header is not valid CSV.");
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
            if (names[i] is { } name && !columns.TryAdd(name.Trim(), i))
                return (null, $"Column '{name.Trim()}' appears twice in the header.");
        var missing = required.Where(r => !columns.ContainsKey(r)).ToArray();
        if (missing.Length > 0)
            return (null, $"The header lacks the column(s) {string.Join(", ", missing)}; expected {string.Join(",", required.Concat(optional))}.");
        return (new CsvHeader(columns), null);
    }

    /// <summary>The field of <paramref name="name"/> in <paramref name="row"/> (trimmed), null when empty or absent.</summary>
    public string? Field(IReadOnlyList<string?> row, string name) =>
        _columns.TryGetValue(name, out var i) && i < row.Count && row[i] is { } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
