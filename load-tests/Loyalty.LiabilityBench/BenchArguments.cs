using System.Globalization;
using Loyalty.Storage;

/// <summary>The benchmark's command line (see Program.cs).</summary>
internal sealed record BenchArguments(StorageProvider Provider, string? Connection, int Members, int EntriesPerMember, int Due, int Runs,
    DateOnly Today, string? Out)
{
    public static BenchArguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback, int minimum)
        {
            var n = int.Parse(Value(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return n >= minimum ? n : throw new ArgumentException($"{name} must be at least {minimum}.");
        }
        var members = Number("--members", 1_000_000, 100);
        var due = Number("--due", 100_000, 1);
        if (due > members)
            throw new ArgumentException("--due cannot exceed --members.");
        return new BenchArguments(
            Enum.Parse<StorageProvider>(Value("--provider") ?? throw new ArgumentException("--provider is required."), ignoreCase: true),
            Value("--connection"), members, Number("--entries-per-member", 3, 1), due, Number("--runs", 200, 10),
            Value("--today") is { } today ? DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture) : DateOnly.FromDateTime(DateTime.UtcNow),
            Value("--out"));
    }
}
