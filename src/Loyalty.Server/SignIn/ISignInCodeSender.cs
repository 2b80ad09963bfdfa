using Loyalty.Domain.Identity;

namespace Loyalty.Server.SignIn;

/// <summary>Delivers a sign-in code to an identifier of one kind: e-mail now (<see cref="SmtpSignInCodeSender"/>), SMS later.</summary>
public interface ISignInCodeSender
{
    IdentifierKind Kind { get; }

    /// <summary>Whether it is configured to send (the engine starts without mail).</summary>
    bool IsAvailable { get; }

    Task SendAsync(string to, string code, CancellationToken cancellationToken);
}
