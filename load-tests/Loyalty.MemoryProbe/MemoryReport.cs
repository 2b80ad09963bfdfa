namespace Loyalty.MemoryProbe;

/// <summary>
/// What the probe measured. Per-grain figures are the growth of live managed memory over a phase divided by the
/// grains the phase activated: empty grains first, measured from the baseline; then members, measured from the
/// snapshot after the empty grains, which stay active throughout.
/// </summary>
public sealed record MemoryReport
{
    /// <summary>The goal: a member costs at most this much more than an empty grain.</summary>
    public const long TargetBytes = 4096;

    public const string MeasurementOrder =
        "empty grains first (from the baseline), then members (from the snapshot after the empty grains, which stay active)";

    public required int Members { get; init; }
    public required int PurchasesPerMember { get; init; }
    public required int Concurrency { get; init; }
    public required int WarmupGrains { get; init; }

    public required HeapSnapshot Baseline { get; init; }
    public required HeapSnapshot AfterEmptyGrains { get; init; }
    public required HeapSnapshot AfterMembers { get; init; }

    /// <summary>Activations of each grain type on the silo when the members were measured (warm-up grains included).</summary>
    public required int EmptyGrainActivations { get; init; }
    public required int MemberGrainActivations { get; init; }

    /// <summary>Ledger entries the members produced, and whether all of them had left the grains' outboxes.</summary>
    public required long LedgerEntries { get; init; }
    public required bool LedgerDrained { get; init; }

    /// <summary>With <c>--busy-member</c>: the one member with many purchases, measured after the others.</summary>
    public BusyMemberReport? BusyMember { get; init; }

    public required ProbeTimings Elapsed { get; init; }
    public required MachineInfo Machine { get; init; }

    public string Order => MeasurementOrder;

    public double EmptyGrainBytes => PerGrain(AfterEmptyGrains.LiveBytes - Baseline.LiveBytes);
    public double MemberGrainBytes => PerGrain(AfterMembers.LiveBytes - AfterEmptyGrains.LiveBytes);
    public double MemberMinusEmptyBytes => MemberGrainBytes - EmptyGrainBytes;
    public bool MeetsTarget => MemberMinusEmptyBytes <= TargetBytes;

    /// <summary>The same from the GC heap size (fragmentation included): a check on the live-bytes figures.</summary>
    public double EmptyGrainHeapBytes => PerGrain(AfterEmptyGrains.HeapSizeBytes - Baseline.HeapSizeBytes);
    public double MemberGrainHeapBytes => PerGrain(AfterMembers.HeapSizeBytes - AfterEmptyGrains.HeapSizeBytes);

    private double PerGrain(long bytes) => (double)bytes / Members;
}

/// <summary>How long each phase took, in seconds.</summary>
public sealed record ProbeTimings(
    double StartSeconds,
    double WarmupSeconds,
    double EmptyGrainsSeconds,
    double MembersSeconds,
    double DrainSeconds,
    double TotalSeconds);

/// <summary>Where the figures were measured.</summary>
public sealed record MachineInfo(
    int ProcessorCount,
    long TotalAvailableMemoryBytes,
    bool ServerGc,
    string Runtime,
    string OperatingSystem);
