using System.Collections.Concurrent;
using System.Text;
using Loyalty.Domain.Imports;
using Loyalty.Grains.Imports;
using Loyalty.Server.Identity;
using Loyalty.Storage.Imports;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Imports;

/// <summary>
/// The imports running on this node, in the background: each reads its file from a temporary copy of the request body
/// (deleted when it ends). Stopping the node stops them, each then marked failed: sending the file again goes on where it stopped.
/// </summary>
public sealed partial class ImportJobs(ImportProcessor processor, IOptions<IdentityOptions> identity, ILogger<ImportJobs> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <summary>Where request bodies wait to be imported.</summary>
    public static string SpoolDirectory => Path.Combine(Path.GetTempPath(), "loyalty-imports");

    /// <summary>Starts importing <paramref name="file"/> (taken over: deleted when the import ends).</summary>
    public void Start(ImportStatus status, ImportFormat format, string file)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                using var text = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
                    new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Options = FileOptions.SequentialScan | FileOptions.DeleteOnClose });
                await processor.RunAsync(status, format, identity.Value.DefaultRegion, text, _stopping.Token);
            }
            catch (Exception ex)
            {
                LogJobFailed(logger, ex, status.ImportId);
            }
            finally
            {
                _running.TryRemove(status.ImportId, out _);
                if (File.Exists(file))
                    File.Delete(file);
            }
        });
        _running[status.ImportId] = task;
    }

    /// <summary>Deletes the bodies left behind by a node that was killed during an import (untouched for a day).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(SpoolDirectory))
            return Task.CompletedTask;
        foreach (var file in new DirectoryInfo(SpoolDirectory).EnumerateFiles("*.part"))
        {
            try
            {
                if (file.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1))
                    file.Delete();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // another node's, still open: it deletes it itself
            }
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} could not run")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string importId);
}
