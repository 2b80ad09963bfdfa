using Microsoft.Extensions.Logging;

namespace Loyalty.Server.Tests;

/// <summary>Keeps the first exception the generic host logs when it fails to start (a setting its validation refused, say).</summary>
internal sealed class StartFaults : ILoggerProvider
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private Exception? _first;

    public Exception? First => Volatile.Read(ref _first);

    public ILogger CreateLogger(string categoryName) =>
        categoryName == HostCategory ? new HostLogger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class HostLogger(StartFaults faults) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
                Interlocked.CompareExchange(ref faults._first, exception, null);
        }
    }
}
