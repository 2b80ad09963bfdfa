using Loyalty.Domain.SignIn;

namespace Loyalty.Server.SignIn;

/// <summary>How members sign in with one-time codes, from <c>Loyalty:Identity</c> (its <c>DefaultRegion</c>: <see cref="Identity.IdentityOptions"/>).</summary>
public sealed class SignInOptions
{
    public const string SectionName = "Loyalty:Identity";

    /// <summary>Whether someone whose identifier no member owns becomes a member by signing in with a code.</summary>
    public bool SelfSignUp { get; set; } = true;

    /// <summary>How long a member token the engine signs lives; the app refreshes it about a minute before.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token lives unused.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Codes one identifier may ask for per <see cref="SignInLimits.Window"/> (on all nodes together).</summary>
    public int CodesPerIdentifier { get; set; } = SignInLimits.CodesPerWindow;

    /// <summary>Code requests one remote address may make per <see cref="SignInLimits.Window"/> (per node).</summary>
    public int CodeRequestsPerAddress { get; set; } = 10;
}
