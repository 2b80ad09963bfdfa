namespace Loyalty.Server.SignIn;

/// <summary>Sends the codes of <see cref="SignInCodeOutbox"/>, a few at a time; a failed send is logged, never retried with the same code.</summary>
public sealed partial class SignInCodeDelivery(SignInCodeOutbox outbox, ILogger<SignInCodeDelivery> logger) : BackgroundService
{
    private const int Senders = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => SendAllAsync(stoppingToken)));

    private async Task SendAllAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var pending in outbox.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await pending.Sender.SendAsync(pending.To, pending.Code, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogSendFailed(e, pending.Sender.Kind);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in code could not be sent ({Kind}); the member can ask for a new one.")]
    private partial void LogSendFailed(Exception exception, Domain.Identity.IdentifierKind kind);
}
