using System.Text;
using Npgsql;

namespace Loyalty.Testing;

/// <summary>
/// Searches a database for texts (an erased member's name and e-mail): a SQLite database in the raw bytes of its file and
/// of its write-ahead log, as UTF-8 and UTF-16, in any ASCII letter case; a PostgreSQL database in every column of every
/// table of its schema, text in any letter case, and binary columns (the grain state blobs) by the texts' UTF-8 bytes.
/// </summary>
public static class PersonalDataSearch
{
    /// <summary>"file: text" for each text found in the SQLite file or its "-wal" file; empty when none is.</summary>
    public static IReadOnlyList<string> InSqliteFiles(string databasePath, params string[] texts)
    {
        var found = new List<string>();
        foreach (var path in new[] { databasePath, databasePath + "-wal" })
        {
            if (!File.Exists(path))
                continue;
            byte[] bytes;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                file.CopyTo(copy);
                bytes = copy.ToArray();
            }
            var lower = Lower(bytes);
            foreach (var text in texts)
                if (lower.AsSpan().IndexOf(Lower(Encoding.UTF8.GetBytes(text))) >= 0 || lower.AsSpan().IndexOf(Lower(Encoding.Unicode.GetBytes(text))) >= 0)
                    found.Add($"{Path.GetFileName(path)}: {text}");
        }
        return found;
    }

    /// <summary>"table.column: text" for each text found in a table of the database's current schema; empty when none is.</summary>
    public static async Task<IReadOnlyList<string>> InPostgreSqlTablesAsync(string connectionString, params string[] texts)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand("""
            SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        var found = new List<string>();
        foreach (var (table, column, type) in columns)
        {
            foreach (var text in texts)
            {
                // Every column as text (numbers and times too: the search misses nothing); a binary one by its bytes.
                var condition = type == "bytea"
                    ? $"position(convert_to(@text, 'UTF8') in \"{column}\") > 0"
                    : $"\"{column}\"::text ILIKE '%' || @text || '%'";
                await using var search = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE {condition}", connection);
                search.Parameters.AddWithValue("text", text);
                if ((long)(await search.ExecuteScalarAsync())! > 0)
                    found.Add($"{table}.{column}: {text}");
            }
        }
        return found;
    }

    private static byte[] Lower(byte[] bytes)
    {
        var lower = new byte[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
            lower[i] = bytes[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(bytes[i] + 32) : bytes[i];
        return lower;
    }
}
