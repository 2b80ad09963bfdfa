namespace Loyalty.Server.Tests.SignIn;

/// <summary>Bad sign-in or mail settings stop the start with a message naming the key; no mail settings at all are fine.</summary>
public sealed class SignInStartupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-sign-in-startup-" + Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Storage => new()
    {
        ["Provider"] = "Sqlite",
        ["ConnectionString"] = $"Data Source={Path.Combine(_folder, "loyalty.db")}",
    };

    [Theory]
    [InlineData("Loyalty:Mail:Smtp:From", "loyalty@example.org", "Loyalty:Mail:Smtp:Host is required")]
    [InlineData("Loyalty:Mail:Smtp:Port", "0", "Loyalty:Mail:Smtp:Port must be between 1 and 65535")]
    [InlineData("Loyalty:Mail:Smtp:Username", "mailer", "Loyalty:Mail:Smtp:Username and Loyalty:Mail:Smtp:Password go together")]
    [InlineData("Loyalty:Mail:Smtp:From", "not an address", "Loyalty:Mail:Smtp:From must be the sender's address")]
    [InlineData("Loyalty:Mail:Smtp:Security", "Ssl", "Loyalty:Mail:Smtp")]
    [InlineData("Loyalty:Identity:DefaultRegion", "XX", "Loyalty:Identity:DefaultRegion must be a two-letter region")]
    [InlineData("Loyalty:Identity:AccessTokenLifetime", "00:00:01", "Loyalty:Identity:AccessTokenLifetime must be between")]
    [InlineData("Loyalty:Identity:CodesPerIdentifier", "0", "Loyalty:Identity:CodesPerIdentifier must be between 1 and 100")]
    public void A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string message)
    {
        var settings = new Dictionary<string, string>
        {
            ["Loyalty:Mail:Smtp:Host"] = "mail.example.org",
            ["Loyalty:Mail:Smtp:From"] = "loyalty@example.org",
            [key] = value,
        };
        if (message.Contains("Host is required", StringComparison.Ordinal))
            settings.Remove("Loyalty:Mail:Smtp:Host");
        using var host = new EngineHost(Storage, settings);
        var error = host.RefusedStart();
        Assert.True(error.ToString().Contains(message, StringComparison.Ordinal), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
