using System.Diagnostics;

namespace Loyalty.Grains;

/// <summary>
/// For crash tests only: kills the whole process, at once and without any shutdown, right after step
/// <see cref="KillAfterStep"/> of a merge saga is stored on this node (1: the source froze and handed over its snapshot;
/// 2: the target took it in; 3: the source's identifiers were bound to the target). The engine registers it only when
/// <c>Loyalty:FaultInjection:KillAfterMergeStep</c> is set, and refuses to start with it in Production.
/// </summary>
public sealed class MergeFaultInjection(int killAfterStep)
{
    public const string ConfigurationKey = "Loyalty:FaultInjection:KillAfterMergeStep";

    public int KillAfterStep { get; } = killAfterStep;

    internal void After(int step)
    {
        if (step == KillAfterStep)
            Process.GetCurrentProcess().Kill();
    }
}
