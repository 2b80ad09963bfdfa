using Loyalty.Storage.Database;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Loyalty.Storage;

public static class LoyaltyClusteringSiloBuilderExtensions
{
    /// <summary>
    /// Keeps the cluster's membership (Orleans ADO.NET clustering) and its reminders (Orleans ADO.NET reminder service)
    /// in the engine's database, through the same connection pool as the grain storage and the ledger. Needs
    /// <see cref="LoyaltyStorageSiloBuilderExtensions.AddLoyaltyStorage"/> on PostgreSQL: its schema creates the tables and the queries these providers read.
    /// </summary>
    public static ISiloBuilder UseLoyaltyDatabaseClustering(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseAdoNetClustering(clustering => clustering.Configure<LoyaltyDatabase>((options, database) =>
        {
            options.Invariant = database.AdoNetInvariant;
            if (database.DataSource is { } dataSource)
                options.DataSource = dataSource;
            else
                options.ConnectionString = database.ConnectionString;
        }));
        silo.UseAdoNetReminderService(reminders => reminders.Configure<LoyaltyDatabase>((options, database) =>
        {
            options.Invariant = database.AdoNetInvariant;
            if (database.DataSource is { } dataSource)
                options.DataSource = dataSource;
            else
                options.ConnectionString = database.ConnectionString;
        }));
        return silo;
    }
}
