using System.Data.Common;
using Loyalty.Storage.Database;

namespace Loyalty.Storage.Insights;

/// <summary>
/// One SQL statement of the insights with its parameters: what the store runs, and what the query plans are made of,
/// so that a plan shown is the plan of the query the engine runs.
/// </summary>
/// <param name="Name">What the statement is for, in the query plan report.</param>
/// <param name="Sql">The text, the same for both dialects.</param>
/// <param name="Bind">Adds the parameters to a command.</param>
internal sealed record InsightsStatement(string Name, string Sql, Action<LoyaltyDatabase, DbCommand> Bind)
{
    public DbCommand Create(LoyaltyDatabase database, DbConnection connection, DbTransaction? transaction = null, string prefix = "")
    {
        var command = database.CreateCommand(connection, prefix + Sql, transaction);
        Bind(database, command);
        return command;
    }
}
