using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Loyalty.Storage.Database;

/// <summary>
/// Rows sent to PostgreSQL as one array a column and unnested in the statement: its text is the same for any number of
/// rows, so Npgsql prepares it once a connection, and neither side parses and binds a parameter list a row. <c>unnest</c>
/// reads the arrays in order, so the rows go in the order given (the marks' upserts lock their rows in that order).
/// </summary>
internal static class PostgreSqlArrays
{
    /// <summary>Adds <paramref name="values"/> to <paramref name="command"/> as one array parameter of <paramref name="element"/>.</summary>
    public static void Add<T>(DbCommand command, string name, T[] values, NpgsqlDbType element) =>
        command.Parameters.Add(new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | element) { TypedValue = values });
}
