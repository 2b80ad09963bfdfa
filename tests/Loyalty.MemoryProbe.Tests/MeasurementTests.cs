using System.Text.Json;
using Loyalty.Domain;

namespace Loyalty.MemoryProbe.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasurementCollection
{
    /// <summary>The measurement reads the whole process's heap: nothing else runs beside it.</summary>
    public const string Name = "measurement";
}

/// <summary>The probe's whole measurement on a small population: a real silo, real storage, real grains.</summary>
[Collection(MeasurementCollection.Name)]
public sealed class MeasurementTests : IDisposable
{
    private const int Members = 500;
    private const int Warmup = 20;

    private readonly string _json = Path.Combine(Path.GetTempPath(), $"memory-probe-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task Measures_empty_grains_and_members_and_reports_sane_figures()
    {
        // Two purchases rather than the default three: the run is bound by the storage writes, and this keeps it short.
        var options = new ProbeOptions { Members = Members, Purchases = 2, Concurrency = 64, Warmup = Warmup };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var report = await ProbeRun.RunAsync(options, TextWriter.Null, timeout.Token);

        Assert.Equal(Members, report.Members);
        Assert.Equal(2, report.PurchasesPerMember);
        Assert.Equal(Members + Warmup, report.EmptyGrainActivations); // none was collected while measuring
        Assert.Equal(Members + Warmup, report.MemberGrainActivations);
        Assert.True(report.LedgerDrained);
        Assert.InRange(report.LedgerEntries, (Members + Warmup) * 3L, (Members + Warmup) * 4L); // enrolment, 2 sales, some rewards

        Assert.True(report.Baseline.LiveBytes > 0);
        Assert.True(report.AfterEmptyGrains.LiveBytes > report.Baseline.LiveBytes);
        Assert.True(report.AfterMembers.LiveBytes > report.AfterEmptyGrains.LiveBytes);
        Assert.InRange(report.EmptyGrainBytes, 200, 50_000); // an activation costs something, and not a fortune
        Assert.True(report.MemberGrainBytes > report.EmptyGrainBytes, "a member with a history costs more than an empty grain");
        Assert.Equal(report.MemberGrainBytes - report.EmptyGrainBytes, report.MemberMinusEmptyBytes, 6);
        Assert.Equal(report.MemberMinusEmptyBytes <= MemoryReport.TargetBytes, report.MeetsTarget);
        Assert.True(report.AfterMembers.WorkingSetBytes > report.AfterMembers.HeapSizeBytes / 2);
        Assert.True(report.Elapsed.TotalSeconds >= report.Elapsed.MembersSeconds);

        await ReportWriter.WriteJsonAsync(report, _json, CancellationToken.None);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(_json));
        var root = json.RootElement;
        Assert.Equal(Members, root.GetProperty("members").GetInt32());
        Assert.Equal(report.MemberMinusEmptyBytes, root.GetProperty("memberMinusEmptyBytes").GetDouble(), 6);
        Assert.Equal(report.MeetsTarget, root.GetProperty("meetsTarget").GetBoolean());
        Assert.Equal(report.AfterMembers.WorkingSetBytes, root.GetProperty("afterMembers").GetProperty("workingSetBytes").GetInt64());

        var table = ReportWriter.Table(report);
        Assert.Contains("members (N)", table);
        Assert.Contains(report.MeetsTarget ? "PASS" : "FAIL", table);
    }

    [Fact]
    public async Task Measures_a_busy_member_on_its_own_with_a_stored_state_that_does_not_grow_with_its_sales()
    {
        const int sales = 2_000;
        var options = new ProbeOptions { Members = 20, Purchases = 1, Concurrency = 64, Warmup = 5, BusySales = sales };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var busy = (await ProbeRun.RunAsync(options, TextWriter.Null, timeout.Token)).BusyMember!;

        Assert.Equal(sales, busy.Sales);
        Assert.True(busy.LedgerDrained);
        // A few dozen bytes per id kept compactly: every id but the most recent MaxRememberedTransactions, whose full records
        // stay in memory. At least its 8-byte digest and its 8-byte time each; the heap measurement varies a little.
        var compactIds = sales - new ProgrammeOptions().MaxRememberedTransactions;
        Assert.InRange(busy.TransactionIdsBytes, 16L * compactIds, 64L * sales);
        Assert.InRange(busy.StateBytes, busy.TransactionIdsBytes, busy.TransactionIdsBytes + 1_000_000);
        Assert.InRange(busy.SerializedStateBytes, 100, 20_000);      // its transactions are in the ledger, not its state
        Assert.InRange(busy.StoredStateBytes, 100, 20_000);
        Assert.True(busy.ActivationMilliseconds > 0 && busy.FirstRetryMilliseconds > 0);
    }

    public void Dispose() => File.Delete(_json);
}
