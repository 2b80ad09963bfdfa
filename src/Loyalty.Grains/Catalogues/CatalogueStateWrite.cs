using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Loyalty.Grains.Catalogues;

/// <summary>How a catalogue grain stores a change, so that a change never stays in effect in memory without being stored.</summary>
internal static partial class CatalogueStateWrite
{
    /// <summary>
    /// Applies <paramref name="change"/> to the state and writes it. If the write fails, the state is read back, so that
    /// the grain holds what storage holds (the change too, when the write landed after all). If that read fails as
    /// well, the grain cannot know: it takes back the state as it was before the change and asks to be deactivated,
    /// so that the next call reads storage afresh. The write's error is thrown in every case.
    /// </summary>
    public static async Task StoreAsync<TState>(IPersistentState<TState> state, DeepCopier<TState> copier,
        Action<TState> change, Action deactivate, ILogger logger)
    {
        var before = copier.Copy(state.State)!;
        change(state.State);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            try
            {
                await state.ReadStateAsync();
            }
            catch (Exception readFailure)
            {
                state.State = before;
                deactivate();
                LogChangeUndone(logger, readFailure, typeof(TState).Name);
            }
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Storing a change of {State} failed and reading it back failed too; the change is undone and the activation will be replaced")]
    private static partial void LogChangeUndone(ILogger logger, Exception exception, string state);
}
