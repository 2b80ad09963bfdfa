using Loyalty.Domain.Identity;
using Loyalty.Domain.SignIn;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Loyalty.Server.SignIn;

/// <summary>Sends sign-in codes by e-mail through the SMTP server of <see cref="SmtpOptions"/> (MailKit), one connection per mail.</summary>
public sealed class SmtpSignInCodeSender(IOptions<SmtpOptions> options) : ISignInCodeSender
{
    public IdentifierKind Kind => IdentifierKind.Email;

    public bool IsAvailable => options.Value.IsConfigured;

    public async Task SendAsync(string to, string code, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From!));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"Your sign-in code: {code}";
        message.Body = new TextPart("plain")
        {
            Text = $"Your sign-in code is {code}.\r\n\r\nIt is valid for {SignInCodes.Lifetime.TotalMinutes:0} minutes. " +
                   "If you did not ask for it, ignore this mail: nobody can sign in without the code.\r\n",
        };

        using var client = new SmtpClient { Timeout = 30_000 };
        var security = smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(smtp.Host!.Trim(), smtp.Port, security, cancellationToken);
        if (!string.IsNullOrWhiteSpace(smtp.Username))
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
