using System.Globalization;
using Npgsql;

namespace Loyalty.Testing;

/// <summary>
/// A throw-away PostgreSQL server for the tests: a fresh data folder in a temporary folder, started on a free loopback
/// port with its unix socket in that folder, stopped and deleted on dispose. PostgreSQL refuses to run as root, so as
/// root the folder is given to the <c>postgres</c> user and the server runs as that user. The data folder is a copy of
/// one <c>initdb</c> made once per test process (<c>initdb</c> took 1.3 to 2.2 s of CPU here, a copy 0.1 to 0.7 s),
/// so each server still starts from an empty cluster of its own.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private const string Database = "loyalty_test";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly string _binaries;
    private readonly string _root;
    private readonly bool _asPostgresUser;

    private PostgreSqlServer(string binaries, string root, bool asPostgresUser)
    {
        _binaries = binaries;
        _root = root;
        _asPostgresUser = asPostgresUser;
    }

    public string ConnectionString { get; private set; } = "";

    private int _port;
    private readonly List<int> _paused = [];

    private string DataDirectory => Path.Combine(_root, "data");

    public static async Task<PostgreSqlServer> StartAsync()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server programs (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
            "Install them with `apt-get install postgresql`, or set LOYALTY_TEST_POSTGRES to the connection string of a server to use.");

        var server = new PostgreSqlServer(binaries, Directory.CreateTempSubdirectory("loyalty-pg-").FullName, Environment.IsPrivilegedProcess);
        try
        {
            await server.InitializeAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        if (_asPostgresUser)
        {
            await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", _root], CommandTimeout);
        }

        var template = await EmptyClusterAsync(_binaries, _asPostgresUser);
        await ProcessRunner.RunAsync("cp", ["-a", template, DataDirectory], CommandTimeout);

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            try
            {
                _port = port;
                await StartServerAsync();
                await CreateDatabaseAsync(port);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port may have been taken between probing it and starting the server: try another.
            }
        }
    }

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    /// <summary>
    /// The data folder of an empty cluster, made by <c>initdb</c> at the first call of this process and deleted when the
    /// process ends; each server copies it.
    /// </summary>
    private static async Task<string> EmptyClusterAsync(string binaries, bool asPostgresUser)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null)
                return _template;
            var root = Directory.CreateTempSubdirectory("loyalty-pg-template-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { Directory.Delete(root, recursive: true); }
                catch (IOException) { } // a temporary folder left behind
            };
            var maker = new PostgreSqlServer(binaries, root, asPostgresUser);
            if (asPostgresUser)
                await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", root], CommandTimeout);
            await maker.RunPostgresProgramAsync("initdb",
                ["-D", maker.DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]);
            return _template = maker.DataDirectory;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private Task<string> StartServerAsync() => RunPostgresProgramAsync("pg_ctl",
    [
        "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
        "-o", $"-c port={_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_root} " +
              "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        "start",
    ]);

    /// <summary>
    /// Stops the server as an outage does: every connection is cut at once (<c>pg_ctl stop -m fast</c>). Not
    /// <c>immediate</c>: this server runs with <c>synchronous_commit=off</c>, so a crash could lose commits it has
    /// acknowledged, which a test of the engine's durability must not mistake for the engine's loss.
    /// </summary>
    public Task StopAsync() => RunPostgresProgramAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);

    /// <summary>Starts the server stopped by <see cref="StopAsync"/> again, on the same port and data.</summary>
    public Task RestartAsync() => StartServerAsync();

    /// <summary>
    /// Freezes the server (SIGSTOP to the postmaster, then to its backends): its sockets stay open and accept, but
    /// nothing answers, as with a hung server or a network that drops packets. <see cref="ResumeAsync"/> thaws it.
    /// </summary>
    public async Task PauseAsync()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        await SignalAsync("-STOP", postmaster);
        _paused.Add(postmaster);
        foreach (var child in ChildrenOf(postmaster))
        {
            if (await SignalAsync("-STOP", child))
                _paused.Add(child);
        }
    }

    public async Task ResumeAsync()
    {
        foreach (var pid in _paused)
            await SignalAsync("-CONT", pid);
        _paused.Clear();
    }

    private static async Task<bool> SignalAsync(string signal, int pid)
    {
        try
        {
            await ProcessRunner.RunAsync("kill", [signal, pid.ToString(CultureInfo.InvariantCulture)], CommandTimeout);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // the process has just ended
        }
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
                continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(folder, "stat")); }
            catch (IOException) { continue; }
            // "pid (name) state ppid ...": the name may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], out var ppid) && ppid == parent)
                yield return pid;
        }
    }

    private async Task CreateDatabaseAsync(int port)
    {
        var server = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres" };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
            await command.ExecuteNonQueryAsync();
        }

        server.Database = Database;
        ConnectionString = server.ConnectionString;
    }

    private Task<string> RunPostgresProgramAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binaries, program);
        return _asPostgresUser
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], CommandTimeout)
            : ProcessRunner.RunAsync(path, arguments, CommandTimeout);
    }

    private static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                    .Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    public async ValueTask DisposeAsync()
    {
        await ResumeAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunPostgresProgramAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
