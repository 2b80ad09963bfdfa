using Microsoft.AspNetCore.SignalR.Client;
using Loyalty.Server.Tests.Testing;

namespace Loyalty.Server.Tests.SignIn;

/// <summary>A hub connection opened with a member token closes when that token expires.</summary>
[WaitsAtLength]
public sealed class TokenExpiryTests(ShortTokenFixture engine) : IClassFixture<ShortTokenFixture>
{
    [Fact]
    public async Task The_hub_closes_the_connection_when_its_member_token_expires()
    {
        var signedIn = await engine.SignInAsync(SignInCalls.NewEmail());
        var memberId = signedIn["memberId"]!.GetValue<string>();
        var expiresAt = signedIn["expiresAt"]!.GetValue<DateTimeOffset>();
        await using var watcher = Watcher.Create(engine.Host, token: signedIn["accessToken"]!.GetValue<string>());
        var closed = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Connection.Closed += _ => { closed.TrySetResult(DateTimeOffset.UtcNow); return Task.CompletedTask; };

        await watcher.StartAsync();
        var watched = await watcher.WatchAsync(memberId);
        Assert.Equal(memberId, watched.MemberId);

        var at = await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, watcher.Connection.State);
        Assert.True(at >= expiresAt.AddSeconds(-1), $"closed at {at:O}, before the token's expiry {expiresAt:O}");
    }
}
