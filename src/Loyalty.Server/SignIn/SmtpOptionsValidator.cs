using Microsoft.Extensions.Options;
using MimeKit;

namespace Loyalty.Server.SignIn;

/// <summary>Mail is optional; when a host is given, the rest must make a working sender.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions o)
    {
        const string p = SmtpOptions.SectionName;
        var given = !string.IsNullOrWhiteSpace(o.Username) || !string.IsNullOrWhiteSpace(o.Password) || !string.IsNullOrWhiteSpace(o.From);
        if (!o.IsConfigured)
            return given ? ValidateOptionsResult.Fail($"{p}:Host is required when other {p} settings are given.") : ValidateOptionsResult.Success;
        var errors = new List<string>();
        if (Uri.CheckHostName(o.Host!.Trim()) == UriHostNameType.Unknown)
            errors.Add($"{p}:Host must be a host name or address (got '{o.Host}').");
        if (o.Port is < 1 or > 65535)
            errors.Add($"{p}:Port must be between 1 and 65535 (got {o.Port}).");
        if (!Enum.IsDefined(o.Security))
            errors.Add($"{p}:Security must be None, StartTls or Tls.");
        if (string.IsNullOrWhiteSpace(o.Username) != string.IsNullOrWhiteSpace(o.Password))
            errors.Add($"{p}:Username and {p}:Password go together: give both or neither.");
        if (string.IsNullOrWhiteSpace(o.From) || !MailboxAddress.TryParse(o.From, out var from) || !from.Address.Contains('@'))
            errors.Add($"{p}:From must be the sender's address, e.g. 'Loyalty <loyalty@example.org>'.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
