using System.Reflection;

namespace Loyalty.Storage.Database;

/// <summary>Our schema scripts, embedded in this assembly, per provider, in the order of their file names.</summary>
internal static class SqlScripts
{
    private const string Prefix = "Loyalty.Storage.Sql.";

    public static IReadOnlyList<(string Name, string Text)> For(StorageProvider provider)
    {
        var folder = provider switch
        {
            StorageProvider.Sqlite => "sqlite",
            StorageProvider.PostgreSql => "postgresql",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
        var prefix = $"{Prefix}{folder}.";
        var assembly = typeof(SqlScripts).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (name[prefix.Length..], Read(assembly, name)))
            .ToList();
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No embedded SQL scripts found for {provider}.");
        }
        return scripts;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded SQL script '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
