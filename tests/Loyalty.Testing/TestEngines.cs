namespace Loyalty.Testing;

/// <summary>Settings every engine a test starts shares.</summary>
public static class TestEngines
{
    /// <summary>
    /// <c>Loyalty:Cluster:DirectoryCacheSize</c> for test engines: a thousand addresses instead of a million. Orleans
    /// allocates the whole cache when a node starts (about 19 MB for a million), and a test process starts dozens of
    /// nodes, each collected afterwards; a test never calls more than a few hundred grains.
    /// </summary>
    public const string DirectoryCacheSize = "1000";
}
