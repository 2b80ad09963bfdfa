using System.Text;

namespace Loyalty.FaultTests.Access;

/// <summary>The authorization matrix as tried: per row (endpoint or hub) and credential, the expected and actual answer.</summary>
internal sealed class AccessMatrix
{
    private readonly List<string> rows = [];
    private readonly Dictionary<(string Row, CredentialKind Credential), (string Expected, string Actual)> cells = [];

    public int Cells => cells.Count;

    public IEnumerable<string> Mismatches =>
        cells.Where(c => c.Value.Expected != c.Value.Actual)
            .Select(c => $"{c.Key.Row} with {c.Key.Credential.Label()}: expected {c.Value.Expected}, got {c.Value.Actual}");

    public void Record(string row, CredentialKind credential, string expected, string actual)
    {
        if (!rows.Contains(row))
            rows.Add(row);
        cells[(row, credential)] = (expected, actual);
    }

    /// <summary>One line per row; a cell shows the answer, or <c>expected!actual</c> where they differ.</summary>
    public override string ToString()
    {
        var kinds = Enum.GetValues<CredentialKind>();
        var width = rows.Max(r => r.Length);
        var text = new StringBuilder();
        text.Append("  ".PadRight(width + 4));
        foreach (var kind in kinds)
            text.Append(kind.Label().PadRight(17));
        text.AppendLine();
        foreach (var row in rows)
        {
            text.Append("  ").Append(row.PadRight(width + 2));
            foreach (var kind in kinds)
            {
                var cell = cells.TryGetValue((row, kind), out var c) ? (c.Expected == c.Actual ? c.Actual : $"{c.Expected}!{c.Actual}") : "-";
                text.Append(cell.PadRight(17));
            }
            text.AppendLine();
        }
        return text.ToString();
    }
}
