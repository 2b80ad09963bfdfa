using System.Data.Common;
using System.Text.RegularExpressions;

namespace Loyalty.Storage.Database;

/// <summary>
/// SQLite has no <c>ADD COLUMN IF NOT EXISTS</c>: before a script runs, its <c>ALTER TABLE t ADD COLUMN c ...;</c>
/// statements whose column the table already has are taken out, so that applying the schema again stays safe.
/// </summary>
internal static partial class SqliteAddedColumns
{
    [GeneratedRegex(@"ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+)[^;]*;", RegexOptions.IgnoreCase)]
    private static partial Regex AddColumn();

    public static async Task<string> WithoutExistingAsync(DbConnection connection, string script, CancellationToken cancellationToken)
    {
        var matches = AddColumn().Matches(script);
        foreach (var match in matches.Reverse())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column";
            AddText(command, "table", match.Groups[1].Value);
            AddText(command, "column", match.Groups[2].Value);
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0)
                script = script.Remove(match.Index, match.Length);
        }
        return script;
    }

    private static void AddText(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
