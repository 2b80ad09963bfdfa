using System.Globalization;
using Loyalty.Domain.Identity;
using Loyalty.Grains;
using Loyalty.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Loyalty.Server.Tests.SignIn;

/// <summary>
/// The engine as a café runs it: the Production environment, no member token configuration at all (the engine signs
/// its own), its SQLite file, a real SMTP server on loopback, and a programme clock the tests move.
/// </summary>
public class SignInFixture : EngineFixture, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2030, 1, 15, 10, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public SmtpTestServer Smtp { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Smtp = SmtpTestServer.Start();
        await base.InitializeAsync();
    }

    /// <summary>Whether the engine is given the SMTP server.</summary>
    protected virtual bool WithMail => true;

    protected virtual IReadOnlyDictionary<string, string> More => new Dictionary<string, string>();

    protected override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["environment"] = "Production",
                ["Loyalty:Auth:Jwt:SigningKey"] = "",
                ["Loyalty:Identity:CodeRequestsPerAddress"] = "1000",
                ["Loyalty:RateLimits:Anonymous:PermitsPerSecond"] = "1000",
                ["Loyalty:RateLimits:Anonymous:Burst"] = "1000",
            };
            if (WithMail)
            {
                settings["Loyalty:Mail:Smtp:Host"] = Smtp.Host;
                settings["Loyalty:Mail:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture);
                settings["Loyalty:Mail:Smtp:Security"] = "None";
                settings["Loyalty:Mail:Smtp:From"] = "Café Loyalty <loyalty@example.org>";
            }
            foreach (var (key, value) in More)
                settings[key] = value;
            return settings;
        }
    }

    protected override Action<IServiceCollection>? Services => services => services.AddKeyedSingleton<TimeProvider>(LoyaltyClock.Key, Time);

    public IIdentifierStore Identifiers => Host.Services.GetRequiredService<IIdentifierStore>();

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The same engine with self sign-up off: only members' identifiers can sign in.</summary>
public sealed class NoSignUpFixture : SignInFixture
{
    protected override IReadOnlyDictionary<string, string> More => new Dictionary<string, string> { ["Loyalty:Identity:SelfSignUp"] = "false" };
}

/// <summary>The same engine without mail, and a low limit of code requests per address.</summary>
public sealed class NoMailFixture : SignInFixture
{
    public const int PerAddress = 4;

    protected override bool WithMail => false;

    protected override IReadOnlyDictionary<string, string> More => new Dictionary<string, string>
    {
        ["Loyalty:Identity:CodeRequestsPerAddress"] = PerAddress.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>The same engine with member tokens of a few seconds.</summary>
public sealed class ShortTokenFixture : SignInFixture
{
    protected override IReadOnlyDictionary<string, string> More => new Dictionary<string, string> { ["Loyalty:Identity:AccessTokenLifetime"] = "00:00:15" };
}

/// <summary>The sign-in engine on PostgreSQL: a throw-away server, or the one <c>LOYALTY_TEST_POSTGRES</c> names.</summary>
public sealed class PostgreSqlSignInFixture : SignInFixture
{
    private readonly PostgreSqlStorage _storage = new();

    protected override Task<IReadOnlyDictionary<string, string>> PrepareStorageAsync(string folder) => _storage.PrepareAsync();

    protected override Task ReleaseStorageAsync() => _storage.ReleaseAsync();
}
