using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Loyalty.MemoryProbe;

/// <summary>
/// Waits until the members' ledger outboxes have drained: every ledger entry the members produced (the sum of their
/// ledger sequence numbers) is a row of the ledger table. Member grains copy their entries there in the background
/// after each state write and drop them from memory once copied.
/// </summary>
internal static class LedgerDrain
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Rows found, and whether they reached <paramref name="expected"/> within <paramref name="timeout"/>.</summary>
    public static async Task<(long Rows, bool Drained)> WaitAsync(string connectionString, long expected, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var rows = await CountAsync(connectionString, cancellationToken);
            if (rows >= expected)
                return (rows, true);
            if (clock.Elapsed >= timeout)
                return (rows, false);
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static async Task<long> CountAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM loyalty_ledger";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }
}
