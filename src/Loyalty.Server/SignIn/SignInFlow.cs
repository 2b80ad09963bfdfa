using Loyalty.Domain;
using Loyalty.Domain.Identity;
using Loyalty.Domain.SignIn;
using Loyalty.Grains;
using Loyalty.Storage.SignIn;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.SignIn;

public enum CodeRequestResult
{
    /// <summary>Kept (and sent, if the identifier is a member's or may sign up): the answer whoever asks.</summary>
    Accepted,
    /// <summary>The identifier asked for too many codes lately.</summary>
    Limited,
    /// <summary>Nothing can deliver a code of this kind (outside Development).</summary>
    NoSender,
}

/// <summary>A successful sign-in: the member's tokens, and whether this sign-in enrolled them.</summary>
public sealed record SignInResult(MemberTokenPair Tokens, bool Created);

/// <summary>
/// Passwordless sign-in: a code to the identifier, the code for a token pair (enrolling a new member when self
/// sign-up is on). Every refusal of a code looks the same, whether or not the identifier belongs to a member.
/// </summary>
public sealed partial class SignInFlow(
    SignInCodeStore codes, IIdentifierStore identifiers, IGrainFactory grains, MemberTokens tokens, SignInCodeOutbox outbox,
    IEnumerable<ISignInCodeSender> senders, IOptions<SignInOptions> options, IHostEnvironment environment,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider clock, ILogger<SignInFlow> logger)
{
    public async Task<CodeRequestResult> RequestCodeAsync(MemberIdentifier identifier, CancellationToken cancellationToken)
    {
        var sender = senders.FirstOrDefault(s => s.Kind == identifier.Kind && s.IsAvailable);
        if (sender is null && !environment.IsDevelopment())
        {
            LogNoSender(identifier.Kind);
            return CodeRequestResult.NoSender;
        }

        var now = clock.GetUtcNow();
        var code = SignInCodes.NewCode();
        var kept = SignInCodes.Keep(IdentifierDigest.Of(identifier), code, now);
        if (!await codes.TryReplaceAsync(kept, now, options.Value.CodesPerIdentifier, SignInLimits.Window, cancellationToken))
            return CodeRequestResult.Limited;

        // The same work for every identifier; whether a mail goes out is decided here and sent later.
        var owner = await identifiers.FindMemberAsync(identifier, cancellationToken);
        if (owner is null && !options.Value.SelfSignUp)
            return CodeRequestResult.Accepted;
        if (sender is null)
            LogDevelopmentCode(identifier.Kind, identifier.Value, code);
        else if (!outbox.TryEnqueue(sender, identifier.Value, code))
            LogOutboxFull(identifier.Kind);
        return CodeRequestResult.Accepted;
    }

    /// <summary>The token pair for a right, live code; null for any other code (wrong, expired, dead, or none).</summary>
    public async Task<SignInResult?> RedeemAsync(MemberIdentifier identifier, string code, string? name, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var kept = await codes.FindAsync(IdentifierDigest.Of(identifier), cancellationToken);
        if (kept is null || SignInCodes.StateAt(kept, now) != SignInCodeState.Live)
            return null;
        // The try is counted before the code is compared, so that parallel guesses cannot exceed the tries.
        if (!await codes.TryTakeTryAsync(kept, now, cancellationToken) || !SignInCodes.Matches(kept, code))
            return null;
        if (!await codes.UseAsync(kept, cancellationToken))
            return null;

        var memberId = await identifiers.FindMemberAsync(identifier, cancellationToken);
        var created = false;
        if (memberId is null)
        {
            if (!options.Value.SelfSignUp)
                return null;
            (memberId, created) = await SignUpAsync(identifier, name, cancellationToken);
            if (memberId is null)
                return null;
        }
        return new SignInResult(await tokens.SignInAsync(memberId, cancellationToken), created);
    }

    /// <summary>Enrols a new member owning <paramref name="identifier"/>, unless someone claimed it meanwhile: theirs then.</summary>
    private async Task<(string? MemberId, bool Created)> SignUpAsync(MemberIdentifier identifier, string? name, CancellationToken cancellationToken)
    {
        var memberId = SignUp.NewMemberId();
        if (!await identifiers.TryClaimAsync(identifier, memberId, cancellationToken))
            return (await identifiers.FindMemberAsync(identifier, cancellationToken), false);
        var email = identifier.Kind == IdentifierKind.Email ? identifier.Value : null;
        await grains.GetGrain<IMemberGrain>(memberId).Enrol(new MemberProfile(SignUp.NameFor(name, email), email, null));
        LogSignedUp(memberId, identifier.Kind);
        return (memberId, true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in code by {Kind} was asked for, and nothing is configured to send it (see README, 'Configuring mail').")]
    private partial void LogNoSender(IdentifierKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development: no sender for {Kind}; the sign-in code of {Identifier} is {Code}.")]
    private partial void LogDevelopmentCode(IdentifierKind kind, string identifier, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "A sign-in code by {Kind} was dropped: too many are waiting to be sent.")]
    private partial void LogOutboxFull(IdentifierKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member {MemberId} signed up by {Kind}.")]
    private partial void LogSignedUp(string memberId, IdentifierKind kind);
}
