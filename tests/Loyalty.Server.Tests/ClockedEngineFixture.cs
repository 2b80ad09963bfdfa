using Loyalty.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Loyalty.Server.Tests;

/// <summary>An engine whose programme clock is a fake that the tests move, starting at <paramref name="start"/>.</summary>
public abstract class ClockedEngineFixture(DateTimeOffset start) : EngineFixture
{
    public FakeTimeProvider Time { get; } = new(start);

    protected override Action<IServiceCollection>? Services => services => services.AddKeyedSingleton<TimeProvider>(LoyaltyClock.Key, Time);
}
