using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using Loyalty.Server.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Loyalty.Server.Tests;

/// <summary>A real SignalR client of the hub, recording every event it receives.</summary>
internal sealed class Watcher : IAsyncDisposable
{
    private Watcher(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }
    public ConcurrentQueue<BalanceChanged> Balances { get; } = new();
    public ConcurrentQueue<RewardIssued> Rewards { get; } = new();
    public ConcurrentQueue<TierChanged> Tiers { get; } = new();
    public ConcurrentQueue<PromotionAnnounced> Promotions { get; } = new();

    /// <summary>All events' sequence numbers, in arrival order.</summary>
    public ConcurrentQueue<long> Sequences { get; } = new();

    public static Watcher Create(EngineHost host, string? apiKey = null, string? token = null, bool messagePack = false)
    {
        var url = new Uri(host.Client(null).BaseAddress!, HubSetup.Path);
        var builder = new HubConnectionBuilder().WithUrl(url, o =>
        {
            if (apiKey is not null)
                o.Headers["X-Api-Key"] = apiKey;
            if (token is not null)
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        });
        if (messagePack)
            builder.AddMessagePackProtocol();
        var watcher = new Watcher(builder.Build());
        watcher.Connection.On<BalanceChanged>(nameof(ILoyaltyClient.BalanceChanged), e => { watcher.Balances.Enqueue(e); watcher.Sequences.Enqueue(e.Sequence); });
        watcher.Connection.On<RewardIssued>(nameof(ILoyaltyClient.RewardIssued), e => { watcher.Rewards.Enqueue(e); watcher.Sequences.Enqueue(e.Sequence); });
        watcher.Connection.On<TierChanged>(nameof(ILoyaltyClient.TierChanged), e => { watcher.Tiers.Enqueue(e); watcher.Sequences.Enqueue(e.Sequence); });
        watcher.Connection.On<PromotionAnnounced>(nameof(ILoyaltyClient.PromotionAnnounced), e => watcher.Promotions.Enqueue(e));
        return watcher;
    }

    public Task StartAsync() => Connection.StartAsync();

    public Task<WatchedAccount> WatchAsync(string memberId) => Connection.InvokeAsync<WatchedAccount>("Watch", memberId);

    /// <summary>Waits (bounded) until <paramref name="done"/> holds.</summary>
    public static async Task Until(Func<bool> done, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!done() && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(done(), "the expected events did not arrive in time");
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    /// <summary>A member token as the engine's configured issuer would sign it.</summary>
    public static string MemberToken(string memberId, string signingKey = EngineHost.SigningKey, params Claim[] extraClaims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = EngineHost.Issuer,
            Audience = EngineHost.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", memberId), .. extraClaims]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
}

/// <summary>The part of the account <c>Watch</c> answers with that the tests read (JSON and MessagePack alike).</summary>
public sealed record WatchedAccount(string MemberId, long Points, long LedgerSequence);
