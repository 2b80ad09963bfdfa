namespace Loyalty.LoadTests.Report;

/// <summary><c>report DIR</c>: writes DIR/report.md from the result files a run of <c>load-tests/run.sh</c> left in
/// DIR, and prints it.</summary>
internal static class ReportCommand
{
    public const string Usage = """
        usage: Loyalty.LoadTests report DIR

          Writes DIR/report.md, the Markdown summary of the result folder DIR of load-tests/run.sh (run-info.txt, the
          scenarios' JSON reports, pgbench's outputs, cold.sh's JSON in cold/, memory.json, the charts), and prints it.
        """;

    public static async Task<int> Run(string[] args)
    {
        if (args is ["--help" or "-h"])
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (args is not [var directory] || directory.StartsWith('-'))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (!Directory.Exists(directory))
        {
            Console.Error.WriteLine($"no such folder: {directory}");
            return 2;
        }
        var markdown = PerformanceReport.Build(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, ResultFiles.Report), markdown);
        Console.WriteLine(markdown);
        return 0;
    }
}
