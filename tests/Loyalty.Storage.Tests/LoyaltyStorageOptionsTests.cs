using Loyalty.Storage.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Loyalty.Storage.Tests;

public sealed class LoyaltyStorageOptionsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("loyalty-options-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Sqlite_defaults_to_loyalty_db_in_the_data_folder_under_the_content_root()
    {
        var resolved = new SqliteConnectionStringBuilder(new LoyaltyStorageOptions().ResolveConnectionString(_root));

        Assert.Equal(Path.Combine(_root, "data", "loyalty.db"), resolved.DataSource);
        Assert.True(Directory.Exists(Path.Combine(_root, "data")));
        Assert.Equal(5, resolved.DefaultTimeout);
    }

    [Fact]
    public void Sqlite_takes_an_absolute_data_folder_as_it_is()
    {
        var folder = Path.Combine(_root, "elsewhere", "db");
        var options = new LoyaltyStorageOptions { DataFolder = folder, CommandTimeoutSeconds = 9 };

        var resolved = new SqliteConnectionStringBuilder(options.ResolveConnectionString("/content-root-not-used"));

        Assert.Equal(Path.Combine(folder, "loyalty.db"), resolved.DataSource);
        Assert.Equal(9, resolved.DefaultTimeout);
        Assert.True(Directory.Exists(folder));
    }

    [Fact]
    public void Sqlite_connection_string_overrides_the_folder_and_keeps_its_own_timeout()
    {
        var file = Path.Combine(_root, "custom", "my.db");
        var options = new LoyaltyStorageOptions { ConnectionString = $"Data Source={file};Default Timeout=30" };

        var resolved = new SqliteConnectionStringBuilder(options.ResolveConnectionString(_root));

        Assert.Equal(file, resolved.DataSource);
        Assert.Equal(30, resolved.DefaultTimeout);
        Assert.True(Directory.Exists(Path.GetDirectoryName(file)));
    }

    [Fact]
    public void PostgreSql_adds_the_command_and_connect_timeouts_unless_given()
    {
        var options = new LoyaltyStorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = "Host=db;Username=loyalty" };
        var resolved = new NpgsqlConnectionStringBuilder(options.ResolveConnectionString(_root));
        Assert.Equal(5, resolved.CommandTimeout);
        Assert.Equal(5, resolved.Timeout);

        options.ConnectionString = "Host=db;Username=loyalty;Command Timeout=12;Timeout=7";
        resolved = new NpgsqlConnectionStringBuilder(options.ResolveConnectionString(_root));
        Assert.Equal(12, resolved.CommandTimeout);
        Assert.Equal(7, resolved.Timeout);

        options = new LoyaltyStorageOptions
        {
            Provider = StorageProvider.PostgreSql, ConnectionString = "Host=db;Username=loyalty", CommandTimeoutSeconds = 9, ConnectTimeoutSeconds = 3,
        };
        resolved = new NpgsqlConnectionStringBuilder(options.ResolveConnectionString(_root));
        Assert.Equal(9, resolved.CommandTimeout);
        Assert.Equal(3, resolved.Timeout);
    }

    [Fact]
    public void PostgreSql_pools_without_reset_and_prepares_statements_unless_told_otherwise()
    {
        var options = new LoyaltyStorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = "Host=db;Username=loyalty" };
        var resolved = new NpgsqlConnectionStringBuilder(options.ResolveConnectionString(_root));
        Assert.True(resolved.NoResetOnClose);
        Assert.Equal(32, resolved.MaxAutoPrepare);

        options.ConnectionString = "Host=db;Username=loyalty;No Reset On Close=false;Max Auto Prepare=0";
        resolved = new NpgsqlConnectionStringBuilder(options.ResolveConnectionString(_root));
        Assert.False(resolved.NoResetOnClose);
        Assert.Equal(0, resolved.MaxAutoPrepare);
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_is_refused_naming_the_key()
    {
        var options = new LoyaltyStorageOptions { Provider = StorageProvider.PostgreSql };

        var resolve = Assert.Throws<InvalidOperationException>(() => options.ResolveConnectionString(_root));
        Assert.Contains("Loyalty:Storage:ConnectionString", resolve.Message);

        var validation = new LoyaltyStorageOptionsValidator().Validate(null, options);
        Assert.True(validation.Failed);
        Assert.Contains("Loyalty:Storage:ConnectionString", validation.FailureMessage);
    }

    [Fact]
    public void Validation_refuses_a_command_timeout_below_one_second()
    {
        var validation = new LoyaltyStorageOptionsValidator().Validate(null, new LoyaltyStorageOptions { CommandTimeoutSeconds = 0 });
        Assert.Contains("Loyalty:Storage:CommandTimeoutSeconds", validation.FailureMessage);
        validation = new LoyaltyStorageOptionsValidator().Validate(null, new LoyaltyStorageOptions { ConnectTimeoutSeconds = 0 });
        Assert.Contains("Loyalty:Storage:ConnectTimeoutSeconds", validation.FailureMessage);
    }
}
