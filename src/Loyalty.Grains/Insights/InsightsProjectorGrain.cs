using System.Diagnostics;
using Loyalty.Domain.Insights;
using Loyalty.Storage.Insights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loyalty.Grains.Insights;

/// <summary>
/// Feeds the insights read model. Every <see cref="TickPeriod"/> its timer projects batches of marked members, at most
/// <see cref="InsightsOptions.ProjectionRate"/> of them a second (and for at most <see cref="MaxTickDuration"/>), and
/// when none is left re-evaluates a batch of members evaluated more than a day ago. A busy member (many orders, bought
/// from all the time) is projected at most once every 5 s (<see cref="BusyMembers.Default"/>). The timer keeps the
/// activation alive; the reminder reactivates the grain on another node when its node is lost.
/// </summary>
public sealed partial class InsightsProjectorGrain(
    InsightsProjector projector,
    IOptions<InsightsOptions> options,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<InsightsProjectorGrain> logger) : Grain, IInsightsProjectorGrain, IRemindable
{
    public static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxTickDuration = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(5);
    private const string ReminderName = "insights-projector";

    private string? _after;
    private int _failures;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TickPeriod, TickPeriod) { KeepAlive = true });
        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReminderFailed(logger, ex); // the nodes' starters call it again; the timer runs meanwhile
        }
        await base.OnActivateAsync(cancellationToken);
    }

    public Task Start() => Task.CompletedTask;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    public async Task<int> CatchUp()
    {
        var written = 0;
        string? after = null;
        while (true)
        {
            var step = await projector.ProjectAsync(time.GetUtcNow(), after);
            written += step.Written;
            if (step.Read == 0 && after is null)
                return written;
            after = step.Read < InsightsProjector.DefaultBatchSize ? null : step.After;
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var allowance = (int)Math.Ceiling(options.Value.ProjectionRate * TickPeriod.TotalSeconds);
        try
        {
            while (allowance > 0 && !cancellationToken.IsCancellationRequested && clock.Elapsed < MaxTickDuration)
            {
                var batch = Math.Min(allowance, InsightsProjector.DefaultBatchSize);
                var step = await projector.ProjectAsync(time.GetUtcNow(), _after, batch, BusyMembers.Default, cancellationToken);
                allowance -= step.Read;
                // A full batch: more may follow it. A short one ends the pass; the next starts from the first id.
                _after = step.Read < batch ? null : step.After;
                if (step.Read > 0)
                    LogProjected(logger, step.Read, step.Written);
                if (step.Read < batch)
                {
                    if (step.Read == 0)
                        await projector.SweepAsync(time.GetUtcNow(), cancellationToken: cancellationToken);
                    break;
                }
            }
            _failures = 0;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (_failures++ % 60 == 0) // about once a minute while it keeps failing
                LogTickFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Insights: {Read} marked member(s) read, {Written} written")]
    private static partial void LogProjected(ILogger logger, int read, int written);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Insights projection failed; the marked members stay marked and are tried again")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The insights projector could not register its reminder; it runs on this activation's timer")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception);
}
