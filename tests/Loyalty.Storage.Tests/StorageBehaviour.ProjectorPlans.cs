using System.Data;
using Loyalty.Storage.Database;
using Loyalty.Storage.Insights;
using Loyalty.Storage.Liability;

namespace Loyalty.Storage.Tests;

/// <summary>
/// The projectors' reads of the ledger reach each member's entries by the ledger's key, whatever the planner thinks of
/// the table: on PostgreSQL a join of a batch of members with the ledger was planned, on statistics from before a bulk
/// import, as a scan of the whole ledger (367 ms a batch at 912,500 entries).
/// </summary>
public abstract partial class StorageBehaviour<TFixture>
{
    [Fact]
    public async Task The_projectors_read_each_members_entries_by_the_ledgers_key_even_when_the_planner_would_rather_scan()
    {
        var members = Enumerable.Range(0, 50).Select(_ => NewMemberId()).ToList();
        foreach (var member in members)
            await Fixture.Ledger.AppendAsync(member, new InsightsHistory(member, AsOf).Regular(60, 20, 3, 4.00m).Entries);

        var newSales = InsightsQueries.NewSales(members.Select(m => KeyValuePair.Create(m, 5L)).ToList(), Fixture.Database.Provider);
        var (salesPlan, salesRows) = await PlanAsync(newSales.Sql, command => newSales.Bind(Fixture.Internals, command));
        var (duePlan, _) = await PlanAsync(LiabilityProjector.DueQuery(Fixture.Database.Provider, after: false),
            command => LoyaltyDatabase.AddParameter(command, "limit", 500, DbType.Int32));

        var read = await Store.ReadNewSalesAsync(members.Select(m => KeyValuePair.Create(m, 5L)).ToList());
        Assert.Equal(read.Entries.Sum(e => e.Value.Count), salesRows);
        Assert.True(salesRows > 0);
        if (Fixture.Database.Provider == StorageProvider.PostgreSql)
        {
            await using (var connection = await Fixture.Internals.OpenConnectionAsync(CancellationToken.None))
            await using (var show = Fixture.Internals.CreateCommand(connection, "SHOW jit"))
                Assert.Equal("off", await show.ExecuteScalarAsync()); // no compiling of a batch's statement, however dear its estimate
            // The planner is told that a loop is dear: the statements leave it no other way than a loop over the batch's
            // members, each member's entries found on their own (as a join of the batch with the ledger, it would scan
            // the ledger once for all of them, which is what it did on stale statistics).
            foreach (var plan in new[] { salesPlan, duePlan })
            {
                Assert.Contains("Nested Loop", plan, StringComparison.Ordinal);
                Assert.True(!plan.Contains("Hash Join", StringComparison.Ordinal) && !plan.Contains("Merge Join", StringComparison.Ordinal), plan);
            }
        }
        else
        {
            Assert.True(salesPlan.Contains("SEARCH l USING", StringComparison.Ordinal), salesPlan);
        }
    }

    /// <summary>The statement's plan (PostgreSQL: with nested loops discouraged) and the rows it answers.</summary>
    private async Task<(string Plan, int Rows)> PlanAsync(string sql, Action<System.Data.Common.DbCommand> bind)
    {
        var postgres = Fixture.Database.Provider == StorageProvider.PostgreSql;
        await using var connection = await Fixture.Internals.OpenConnectionAsync(CancellationToken.None);
        if (postgres)
        {
            await using var discourage = Fixture.Internals.CreateCommand(connection,
                "SET enable_nestloop = off");
            await discourage.ExecuteNonQueryAsync();
        }
        var plan = new System.Text.StringBuilder();
        await using (var explain = Fixture.Internals.CreateCommand(connection, (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql))
        {
            bind(explain);
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                plan.AppendLine(reader.GetValue(reader.FieldCount - 1).ToString());
        }
        var rows = 0;
        await using (var run = Fixture.Internals.CreateCommand(connection, sql))
        {
            bind(run);
            await using var reader = await run.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows++;
        }
        if (postgres)
        {
            await using var reset = Fixture.Internals.CreateCommand(connection, "RESET ALL");
            await reset.ExecuteNonQueryAsync();
        }
        return (plan.ToString(), rows);
    }
}
