using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Loyalty.Server.Tests.Testing.WaitingFirst", "Loyalty.Server.Tests")]

namespace Loyalty.Server.Tests.Testing;

/// <summary>
/// Marks a test class that spends most of its time waiting, one test after the other (a node that must not join, a
/// token that must expire, a database that stops answering): it starts before the others, so that it waits while
/// they work instead of after.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WaitsAtLengthAttribute : Attribute;

/// <summary>
/// Starts the test classes marked <see cref="WaitsAtLengthAttribute"/> first, then the others in xunit's own order.
/// </summary>
public sealed class WaitingFirst : ITestCollectionOrderer
{
    private readonly DefaultTestCollectionOrderer _default = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        _default.OrderTestCollections(testCollections).OrderBy(c => !WaitsAtLength(c)); // a stable sort

    /// <summary>Whether the collection is one class's own (xunit's default) and that class is marked.</summary>
    private static bool WaitsAtLength(ITestCollection collection)
    {
        const string prefix = "Test collection for ";
        if (collection.CollectionDefinition is not null || !collection.DisplayName.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        var type = collection.TestAssembly.Assembly.GetType(collection.DisplayName[prefix.Length..]);
        return type?.GetCustomAttributes(typeof(WaitsAtLengthAttribute).AssemblyQualifiedName).Any() == true;
    }
}
