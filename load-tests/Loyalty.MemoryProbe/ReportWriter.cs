using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Loyalty.MemoryProbe;

/// <summary>The report as a table for the console and as JSON for a file.</summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Table(MemoryReport r)
    {
        var rows = new List<(string Name, string Value)>
        {
            ("members (N)", Count(r.Members)),
            ("purchases per member", Count(r.PurchasesPerMember)),
            ("empty grain, bytes each", Bytes(r.EmptyGrainBytes)),
            ("member grain, bytes each", Bytes(r.MemberGrainBytes)),
            ("member minus empty", Bytes(r.MemberMinusEmptyBytes)),
            ("target", $"at most {Count(MemoryReport.TargetBytes)} B above an empty grain"),
            ("result", r.MeetsTarget ? "PASS" : "FAIL (the member costs more than the target)"),
            ("GC heap size, empty / member, each", $"{Bytes(r.EmptyGrainHeapBytes)} / {Bytes(r.MemberGrainHeapBytes)}"),
            ("live managed: baseline / +empty / +members", $"{Mib(r.Baseline.LiveBytes)} / {Mib(r.AfterEmptyGrains.LiveBytes)} / {Mib(r.AfterMembers.LiveBytes)}"),
            ("working set at the end", Mib(r.AfterMembers.WorkingSetBytes)),
            ("activations: empty / member", $"{Count(r.EmptyGrainActivations)} / {Count(r.MemberGrainActivations)} (with {r.WarmupGrains} warm-up grains of each)"),
            ("ledger entries", $"{Count(r.LedgerEntries)}, {(r.LedgerDrained ? "outbox drained" : "outbox NOT drained")}"),
            ("elapsed: start, warm-up, empty, members, drain", string.Create(CultureInfo.InvariantCulture,
                $"{r.Elapsed.StartSeconds:0.0}, {r.Elapsed.WarmupSeconds:0.0}, {r.Elapsed.EmptyGrainsSeconds:0.0}, {r.Elapsed.MembersSeconds:0.0}, {r.Elapsed.DrainSeconds:0.0} s")),
            ("elapsed in all", string.Create(CultureInfo.InvariantCulture, $"{r.Elapsed.TotalSeconds:0.0} s")),
            ("machine", $"{r.Machine.ProcessorCount} cores, {Mib(r.Machine.TotalAvailableMemoryBytes)} available, {(r.Machine.ServerGc ? "server" : "workstation")} GC, {r.Machine.Runtime}"),
            ("order", r.Order),
        };
        if (r.BusyMember is { } b)
        {
            rows.Add(("busy member: purchases in 29 days", Count(b.Sales)));
            rows.Add(("busy member: state in memory", $"{Bytes(b.StateBytes)}, of which its transaction ids {Bytes(b.TransactionIdsBytes)} ({Bytes((double)b.TransactionIdsBytes / b.Sales)} each)"));
            rows.Add(("busy member: state serialized", Bytes(b.SerializedStateBytes)));
            rows.Add(("busy member grain: purchases", string.Create(CultureInfo.InvariantCulture,
                $"{b.Seconds:0.0} s, {(b.LedgerDrained ? "outbox drained" : "outbox NOT drained")}")));
            rows.Add(("busy member grain: stored state", Bytes(b.StoredStateBytes)));
            rows.Add(("busy member grain: activation, first retry", string.Create(CultureInfo.InvariantCulture,
                $"{b.ActivationMilliseconds:0} ms, {b.FirstRetryMilliseconds:0} ms (duplicate)")));
        }
        var width = rows.Max(row => row.Name.Length);
        var text = new StringBuilder();
        foreach (var (name, value) in rows)
            text.Append(name.PadRight(width)).Append("  ").AppendLine(value);
        return text.ToString();
    }

    public static async Task WriteJsonAsync(MemoryReport report, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, Json, cancellationToken);
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(double n) => n.ToString("N0", CultureInfo.InvariantCulture) + " B";

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " MiB";
}
