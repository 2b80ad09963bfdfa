namespace Loyalty.Server.SignIn;

/// <summary>How the connection to the mail server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (a relay on the same host or network).</summary>
    None,
    /// <summary>Plain, then upgraded with STARTTLS (usually port 587); refused if the server does not offer it.</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    Tls,
}

/// <summary>The mail server that sends sign-in codes, from <c>Loyalty:Mail:Smtp</c>; no <see cref="Host"/>, no mail.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Loyalty:Mail:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender's address, optionally with a name: <c>Café Loyalty &lt;loyalty@example.org&gt;</c>.</summary>
    public string? From { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
