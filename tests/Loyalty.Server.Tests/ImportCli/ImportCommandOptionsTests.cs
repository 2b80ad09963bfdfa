using Loyalty.Server.Imports.Cli;

namespace Loyalty.Server.Tests.ImportCli;

public sealed class ImportCommandOptionsTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["LOYALTY_URL"] = "http://engine.test:8080", ["LOYALTY_KEY"] = "env-key" };

    private static ImportCommandOptions Parse(params string[] args) => ImportCommandOptions.Parse(args, name => Environment.GetValueOrDefault(name));

    [Fact]
    public void The_engine_and_key_come_from_the_options_before_the_environment()
    {
        var fromEnvironment = Parse("sales", "history.ndjson");
        Assert.Equal(("sales", "history.ndjson", new Uri("http://engine.test:8080"), "env-key"),
            (fromEnvironment.Kind, fromEnvironment.File, fromEnvironment.Url, fromEnvironment.Key));
        Assert.Equal("api/imports/sales", fromEnvironment.RequestPath);
        Assert.Equal("application/x-ndjson", fromEnvironment.ContentType);

        var fromOptions = Parse("members", "--url", "https://loyalty.example:5443", "MEMBERS.CSV", "--key", "option-key", "--dry-run");
        Assert.Equal((new Uri("https://loyalty.example:5443"), "option-key"), (fromOptions.Url, fromOptions.Key));
        Assert.Equal("text/csv", fromOptions.ContentType);
        Assert.Equal("api/imports/members?dryRun=true", fromOptions.RequestPath);

        Assert.Equal("api/imports/sales?dryRun=true&awardPoints=true", Parse("sales", "s.jsonl", "--award-points", "--dry-run").RequestPath);
        Assert.Equal(new Uri("http://localhost:5080"), ImportCommandOptions.Parse(["sales", "s.csv", "--key", "k"], _ => null).Url);
    }

    [Theory]
    [InlineData("name what to import", "sales")]
    [InlineData("name what to import", "sales", "a.csv", "b.csv")]
    [InlineData("not something to import", "points", "a.csv")]
    [InlineData("neither NDJSON", "sales", "a.xlsx")]
    [InlineData("--award-points is for sales only", "members", "a.csv", "--award-points")]
    [InlineData("unknown option '--force'", "sales", "a.csv", "--force")]
    [InlineData("--url needs a value", "sales", "a.csv", "--url")]
    [InlineData("not an http(s) address", "sales", "a.csv", "--url", "ftp://engine")]
    public void Wrong_arguments_say_what_is_wrong(string message, params string[] args) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => Parse(args)).Message);

    [Fact]
    public void Without_a_key_the_command_asks_for_one() =>
        Assert.Contains("LOYALTY_KEY", Assert.Throws<ArgumentException>(() => ImportCommandOptions.Parse(["sales", "a.csv"], _ => null)).Message);
}
