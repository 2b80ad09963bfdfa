using System.Diagnostics;
using System.Runtime;

namespace Loyalty.MemoryProbe;

/// <summary>
/// The process's memory at one moment, taken after full blocking compacting collections (large object heap
/// included), so that only objects still reachable are counted.
/// </summary>
/// <param name="LiveBytes"><see cref="GC.GetTotalMemory(bool)"/> after the collections: bytes of live managed objects.</param>
/// <param name="HeapSizeBytes">The GC heap's size after the last full blocking collection, fragmentation included.</param>
/// <param name="FragmentedBytes">Free space inside that heap.</param>
/// <param name="WorkingSetBytes">The process's working set (managed, native and code).</param>
public sealed record HeapSnapshot(long LiveBytes, long HeapSizeBytes, long FragmentedBytes, long WorkingSetBytes)
{
    public static HeapSnapshot Take()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var process = Process.GetCurrentProcess();
        return new HeapSnapshot(live, info.HeapSizeBytes, info.FragmentedBytes, process.WorkingSet64);
    }
}
