using Loyalty.Storage.Database;
using Npgsql;

namespace Loyalty.Storage.Tests;

/// <summary>The engine's PostgreSQL sessions run without the JIT, unless the connection string chooses.</summary>
public class PostgreSqlJitTests
{
    [Theory]
    [InlineData("Host=db;Database=loyalty;Username=app", "-c jit=off")]
    [InlineData("Host=db;Database=loyalty;Username=app;Options=-c search_path=loyalty", "-c search_path=loyalty -c jit=off")]
    [InlineData("Host=db;Database=loyalty;Username=app;Options=-c jit=on", "-c jit=on")]
    [InlineData("Host=db;Database=loyalty;Username=app;Options=-c JIT=off -c statement_timeout=5000", "-c JIT=off -c statement_timeout=5000")]
    public void The_jit_is_off_unless_the_connection_string_sets_it(string connectionString, string options)
    {
        var resolved = new NpgsqlConnectionStringBuilder(PostgreSqlLoyaltyDatabase.WithoutJit(connectionString));

        Assert.Equal(options, resolved.Options);
        Assert.Equal(("db", "loyalty", "app"), (resolved.Host, resolved.Database, resolved.Username));
    }
}
