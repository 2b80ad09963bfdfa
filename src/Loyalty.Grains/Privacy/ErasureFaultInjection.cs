using System.Diagnostics;

namespace Loyalty.Grains.Privacy;

/// <summary>
/// For crash tests only: kills the whole process, at once and without any shutdown, right after step
/// <see cref="KillAfterStep"/> of an erasure is done on this node (1: the state forgot the personal data; 2: the ledger's
/// texts; 3: the sign-in codes and the release mark; 4: the identifiers were released; 5: the sign-ins were revoked).
/// The engine registers it only when <c>Loyalty:FaultInjection:KillAfterErasureStep</c> is set, and refuses to start
/// with it in Production.
/// </summary>
public sealed class ErasureFaultInjection(int killAfterStep)
{
    public const string ConfigurationKey = "Loyalty:FaultInjection:KillAfterErasureStep";

    public int KillAfterStep { get; } = killAfterStep;

    internal void After(int step)
    {
        if (step == KillAfterStep)
            Process.GetCurrentProcess().Kill();
    }
}
