using Orleans.Runtime;
using Orleans.Storage;

namespace Loyalty.Grains.Tests;

/// <summary>The real grain storage, counting writes, which a test can make fail or hold.</summary>
public sealed class FlakyGrainStorage(IGrainStorage inner, FlakyGrainStorage.Switch faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public sealed class Switch
    {
        private int _writes;
        public volatile bool FailWrites;
        /// <summary>Fail writes as a database driver does, with its own exception type (which Orleans has no codec for).</summary>
        public volatile bool FailWritesAsDriver;
        /// <summary>Fail reads too: a grain that reads its state back after a failed write learns nothing.</summary>
        public volatile bool FailReads;
        /// <summary>A slow database: each write takes at least this long.</summary>
        public TimeSpan WriteDelay { get; set; }
        public int Writes => Volatile.Read(ref _writes);
        internal void Count() => Interlocked.Increment(ref _writes);
        private volatile Gate? _held;

        /// <summary>Holds every write from now on until the gate it returns is opened: a database that does not answer.</summary>
        public Gate Hold() => _held = new Gate();

        internal Gate? Held => _held;

        /// <summary>Lets the held writes, and those to come, through.</summary>
        public void Release() => Interlocked.Exchange(ref _held, null)?.Open();
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.FailReads
            ? Task.FromException(new TimeoutException("storage unavailable for reads (test)"))
            : inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (faults.Held is { } gate)
            await gate.PassAsync().ConfigureAwait(false);
        if (faults.FailWrites)
            throw new TimeoutException("storage unavailable (test)");
        if (faults.FailWritesAsDriver)
            throw new DriverException("connection refused (test)");
        faults.Count();
        if (faults.WriteDelay > TimeSpan.Zero)
            await Task.Delay(faults.WriteDelay).ConfigureAwait(false); // as a database driver resumes: off the grain's turn
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}

/// <summary>A database driver's exception: a <see cref="System.Data.Common.DbException"/> outside the namespaces Orleans serializes.</summary>
public sealed class DriverException(string message) : System.Data.Common.DbException(message);
