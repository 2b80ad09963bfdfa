using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Loyalty.Testing;

namespace Loyalty.Browser.Tests;

/// <summary>
/// The engine as a café runs it: Production, one configured key (operations), no member token settings, a real SMTP
/// server on loopback, one till enrolled through the API, and member tokens of a few seconds so that their renewal
/// happens during a test.
/// </summary>
public sealed class ProductionAppFixture : IAsyncLifetime
{
    public const int AccessTokenSeconds = 8;
    public const string OperationsKey = "production-operations-key-for-tests";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-browser-sign-up-" + Guid.NewGuid().ToString("N"));

    public SmtpTestServer Smtp { get; } = SmtpTestServer.Start();

    public PagesHost Host { get; private set; } = null!;

    /// <summary>The engine's SQLite file (its write-ahead log is this name with "-wal").</summary>
    public string DatabaseFile => Path.Combine(_folder, "loyalty.db");

    /// <summary>The key of the till enrolled at start (<c>POST /api/tills</c> with the operations key).</summary>
    public string TillKey { get; private set; } = "";

    /// <summary>The id of that till, which the ledger entries it makes carry.</summary>
    public string TillId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Host = new PagesHost(DatabaseFile, "Production", settings: new Dictionary<string, string>
        {
            ["Loyalty:Auth:ApiKeys:0:Key"] = OperationsKey,
            ["Loyalty:Auth:ApiKeys:0:Name"] = "Owner",
            ["Loyalty:Auth:ApiKeys:0:Role"] = "operations",
            ["Loyalty:Mail:Smtp:Host"] = Smtp.Host,
            ["Loyalty:Mail:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Loyalty:Mail:Smtp:Security"] = "None",
            ["Loyalty:Mail:Smtp:From"] = "loyalty@example.org",
            ["Loyalty:Identity:AccessTokenLifetime"] = TimeSpan.FromSeconds(AccessTokenSeconds).ToString("c", CultureInfo.InvariantCulture),
        });
        using var operations = Host.Client(OperationsKey);
        var enrolled = await operations.PostAsJsonAsync("/api/tills", new { name = "Counter 1", storeId = "S-01" });
        var body = await enrolled.Content.ReadAsStringAsync();
        Assert.True(enrolled.IsSuccessStatusCode, body);
        var till = JsonNode.Parse(body)!;
        (TillId, TillKey) = ((string)till["tillId"]!, (string)till["key"]!);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
