using System.Net.Sockets;
using System.Text.Json.Nodes;
using Loyalty.Grains;
using Loyalty.Grains.Insights;
using Loyalty.InsightsData;
using Loyalty.Server.Imports.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Server.Tests.ImportCli;

/// <summary>An engine on SQLite whose programme clock stands at <see cref="Now"/>, the end of the generated year.</summary>
public sealed class ImportEngineFixture() : ClockedEngineFixture(Now)
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public readonly string Folder = Path.Combine(Path.GetTempPath(), "loyalty-import-command-" + Guid.NewGuid().ToString("N"));

    /// <summary>Runs <c>import KIND FILE ARGS…</c> against this engine with the operations key; its exit code and what it printed.</summary>
    public async Task<(int Code, string Output)> ImportAsync(string kind, string file, bool terminal = false, params string[] args)
    {
        var url = Host.Client(null).BaseAddress!.ToString();
        var options = ImportCommandOptions.Parse([kind, file, .. args], name => name switch
        {
            "LOYALTY_URL" => url,
            "LOYALTY_KEY" => EngineHost.OperationsKey,
            _ => null,
        }) with { PollInterval = TimeSpan.FromMilliseconds(50) };
        using var http = ImportCommand.Client(options);
        var output = new StringWriter();
        var code = await new ImportCommand(http, output, terminal, TimeProvider.System).RunAsync(options, CancellationToken.None);
        return (code, output.ToString());
    }

    public string WriteFile(string name, params string[] lines)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}

/// <summary>
/// <c>import members|sales FILE</c> end to end: the command line against the real engine on SQLite, with files from the
/// load tests' generator.
/// </summary>
public sealed class ImportCommandTests(ImportEngineFixture fixture) : IClassFixture<ImportEngineFixture>, IDisposable
{
    private static readonly DateTimeOffset Now = ImportEngineFixture.Now;

    [Fact]
    public async Task A_generated_year_of_sales_shows_at_risk_members_with_their_reasons_and_importing_it_again_changes_nothing()
    {
        var files = new ImportFileWriter(new InsightsDataGenerator(17, Now), ImportFormat.Ndjson).Write(Path.Combine(fixture.Folder, "year"), 200);
        var members = new InsightsDataGenerator(17, Now).Members(200).ToList();

        var (membersCode, membersOutput) = await fixture.ImportAsync("members", files.MembersPath);
        Assert.True(membersCode == ImportCommand.Done, membersOutput);
        Assert.Contains("done: 200 lines read, 200 accepted, 0 skipped, 0 rejected", membersOutput);
        var (salesCode, salesOutput) = await fixture.ImportAsync("sales", files.SalesPath);
        Assert.True(salesCode == ImportCommand.Done, salesOutput);
        var sales = ImportProgress.Count(files.Summary.Sales);
        Assert.Contains($"done: {sales} lines read, {sales} accepted, 0 skipped, 0 rejected", salesOutput);

        await CatchUpAsync();
        var atRisk = await AtRiskAsync();
        var listed = atRisk["members"]!.AsArray().ToDictionary(m => (string)m!["memberId"]!,
            m => m!["reasons"]!.AsArray().Select(r => (string)r!["kind"]!).ToHashSet());
        Assert.NotEmpty(listed);
        Assert.All(listed.Values, Assert.NotEmpty);
        // Most of the members who drifted away are listed with the reason planted; the steady ones seldom are.
        foreach (var plant in new[] { Plants.Lapsed, Plants.AovFalling, Plants.CategoryDropped })
        {
            var planted = members.Where(m => m.Plant == plant).ToList();
            var found = planted.Count(m => listed.TryGetValue(m.MemberId, out var reasons) && reasons.Contains(plant));
            Assert.True(found >= planted.Count * 0.6, $"{plant}: {found} of {planted.Count} listed with that reason");
        }
        var steady = members.Where(m => m.Plant == Plants.Steady).ToList();
        Assert.True(steady.Count(m => listed.ContainsKey(m.MemberId)) <= steady.Count * 0.1);

        var support = fixture.Host.Support();
        var sample = members.Take(10).Select(m => m.MemberId).ToList();
        var accounts = await Task.WhenAll(sample.Select(id => support.AccountText(id)));
        var retention = await RetentionAsync();

        var (againCode, againOutput) = await fixture.ImportAsync("sales", files.SalesPath);
        Assert.True(againCode == ImportCommand.Done, againOutput);
        Assert.Contains($"done: {sales} lines read, 0 accepted, {sales} skipped, 0 rejected", againOutput);
        Assert.Equal(ImportCommand.Done, (await fixture.ImportAsync("members", files.MembersPath)).Code);
        await CatchUpAsync();
        Assert.Equal(atRisk.ToJsonString(), (await AtRiskAsync()).ToJsonString());
        Assert.Equal(retention.ToJsonString(), (await RetentionAsync()).ToJsonString());
        Assert.Equal(accounts, await Task.WhenAll(sample.Select(id => support.AccountText(id))));
    }

    [Fact]
    public async Task Generated_csv_files_are_imported_whole()
    {
        var files = new ImportFileWriter(new InsightsDataGenerator(23, Now), ImportFormat.Csv).Write(Path.Combine(fixture.Folder, "csv"), 20);

        var (membersCode, membersOutput) = await fixture.ImportAsync("members", files.MembersPath);
        Assert.True(membersCode == ImportCommand.Done, membersOutput);
        Assert.Contains("20 accepted, 0 skipped, 0 rejected", membersOutput);
        var (salesCode, salesOutput) = await fixture.ImportAsync("sales", files.SalesPath, false, "--award-points");
        Assert.True(salesCode == ImportCommand.Done, salesOutput);
        Assert.Contains($"{ImportProgress.Count(files.Summary.Sales)} accepted, 0 skipped, 0 rejected", salesOutput);
    }

    [Fact]
    public async Task Rejected_lines_end_with_exit_1_listed_by_line_and_field_and_a_dry_run_changes_nothing()
    {
        var good = $"imp-cli-{Guid.NewGuid():N}"[..24];
        var unknown = $"imp-cli-{Guid.NewGuid():N}"[..24];
        var file = fixture.WriteFile("bad.csv",
            "memberId,name,email,enrolledAt,points,pointsExpireOn",
            $"{good},Ada Import,{good}@example.org,2026-01-02T10:00:00Z,120,2027-06-15",
            $"{unknown},,{unknown}@example.org,2026-01-02T10:00:00Z,5,2027-06-15");

        var (dryCode, dryOutput) = await fixture.ImportAsync("members", file, false, "--dry-run");
        Assert.True(dryCode == ImportCommand.DoneWithRejectedLines, dryOutput);
        Assert.Contains("dry run: nothing was changed", dryOutput);
        Assert.Contains("line 3  name  ", dryOutput);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fixture.Host.Support().GetAsync($"/api/members/{good}")).StatusCode);

        var (code, output) = await fixture.ImportAsync("members", file, terminal: true);
        Assert.True(code == ImportCommand.DoneWithRejectedLines, output);
        Assert.Contains("\r[########################] 100%", output);
        Assert.Contains("1 accepted, 0 skipped, 1 rejected", output);
        Assert.Contains("first rejected lines:\n  line 3  name  ", output.ReplaceLineEndings("\n"));
        Assert.Equal(120, (int)(await fixture.Host.Support().Account(good))["points"]!);
    }

    [Fact]
    public async Task A_refused_key_an_unreachable_engine_or_a_missing_file_end_with_exit_2()
    {
        var file = fixture.WriteFile("one.ndjson", "{\"memberId\":\"imp-cli-refused\",\"name\":\"Refused\"}");
        var url = fixture.Host.Client(null).BaseAddress!;

        var till = new ImportCommandOptions("members", file, url, EngineHost.TillKey, false, false, TimeSpan.FromMilliseconds(50));
        var output = new StringWriter();
        using (var http = ImportCommand.Client(till))
            Assert.Equal(ImportCommand.Failed, await new ImportCommand(http, output, false, TimeProvider.System).RunAsync(till, CancellationToken.None));
        Assert.Contains("the engine refused the import: 403", output.ToString());

        var closed = till with { Url = new Uri($"http://127.0.0.1:{ClosedPort()}/"), Key = EngineHost.OperationsKey };
        output = new StringWriter();
        using (var http = ImportCommand.Client(closed))
            Assert.Equal(ImportCommand.Failed, await new ImportCommand(http, output, false, TimeProvider.System).RunAsync(closed, CancellationToken.None));
        Assert.Contains("could not be reached", output.ToString());

        var (missingCode, missingOutput) = await fixture.ImportAsync("members", Path.Combine(fixture.Folder, "missing.ndjson"));
        Assert.Equal(ImportCommand.Failed, missingCode);
        Assert.Contains("cannot read", missingOutput);
    }

    [Fact]
    public async Task The_engines_entry_point_runs_the_import_command_without_starting_an_engine()
    {
        var member = $"imp-cli-{Guid.NewGuid():N}"[..24];
        var file = fixture.WriteFile("entry.ndjson", $"{{\"memberId\":\"{member}\",\"name\":\"Entry Point\"}}");
        string[] args = ["import", "members", file, "--dry-run", "--url", fixture.Host.Client(null).BaseAddress!.ToString(), "--key", EngineHost.OperationsKey];
        var entryPoint = typeof(Program).Assembly.EntryPoint!;
        Assert.Equal(ImportCommand.Done, await Task.Run(() => (int)entryPoint.Invoke(null, [args])!));
        Assert.Equal(ImportCommand.Failed, await Task.Run(() => (int)entryPoint.Invoke(null, [new[] { "import", "members" }])!));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task CatchUpAsync()
    {
        await fixture.Host.Services.GetRequiredService<IGrainFactory>().InsightsProjectorGrain().CatchUp();
        await fixture.Host.Services.GetRequiredService<InsightsSegments>().RefreshAsync();
    }

    private async Task<JsonNode> AtRiskAsync() => await (await fixture.Host.Marketing().GetAsync("/api/insights/at-risk?limit=500")).Json();

    private async Task<JsonNode> RetentionAsync() => await (await fixture.Host.Marketing().GetAsync("/api/insights/retention?period=month&count=12")).Json();

    public void Dispose()
    {
        if (Directory.Exists(fixture.Folder))
            Directory.Delete(fixture.Folder, recursive: true);
    }
}
