using System.Diagnostics;

namespace Loyalty.MemoryProbe.Tests;

public class ProbeOptionsTests
{
    [Fact]
    public void Defaults_are_the_goal_s_population_and_history()
    {
        var options = ProbeOptions.Parse([]);
        Assert.Equal(100_000, options.Members);
        Assert.Equal(3, options.Purchases);
        Assert.Equal(64, options.Concurrency);
        Assert.Null(options.JsonPath);
        Assert.Equal(TimeSpan.Zero, options.Hold);
        Assert.Equal(0, options.BusySales);
    }

    [Fact]
    public void Reads_every_option()
    {
        var options = ProbeOptions.Parse(["--members", "500", "--purchases", "5", "--concurrency", "8", "--seed", "7",
            "--drain-timeout", "30", "--json", "out.json", "--hold", "10", "--busy-member", "20000"]);
        Assert.Equal((500, 5, 8, 7), (options.Members, options.Purchases, options.Concurrency, options.Seed));
        Assert.Equal((TimeSpan.FromSeconds(30), "out.json", TimeSpan.FromSeconds(10)), (options.DrainTimeout, options.JsonPath, options.Hold));
        Assert.Equal(20_000, options.BusySales);
    }

    [Theory]
    [InlineData("--members", "0")]
    [InlineData("--members", "1000001")]
    [InlineData("--members", "many")]
    [InlineData("--purchases", "-1")]
    [InlineData("--concurrency", "0")]
    [InlineData("--drain-timeout", "0")]
    [InlineData("--busy-member", "-1")]
    [InlineData("--busy-member", "100001")]
    [InlineData("--colour", "blue")]
    public void Refuses_a_bad_value_or_an_unknown_option(string name, string value) =>
        Assert.Throws<ArgumentException>(() => ProbeOptions.Parse([name, value]));

    [Fact]
    public void Refuses_an_option_without_its_value() =>
        Assert.Throws<ArgumentException>(() => ProbeOptions.Parse(["--members"]));

    [Fact]
    public async Task The_program_exits_with_2_on_bad_arguments()
    {
        var probe = Path.Combine(AppContext.BaseDirectory, "Loyalty.MemoryProbe.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { probe, "--members", "0" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--members must be a whole number from 1 to 1000000", await error);
    }
}
