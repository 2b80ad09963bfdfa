using Loyalty.Domain;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Loyalty.Domain.Tests;

/// <summary>
/// A member's state as the grain storage writes it: the Orleans binary serializer, the same one the storage provider
/// is configured with. The size is what every command writes.
/// </summary>
internal static class StoredState
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(MemberState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public static byte[] Bytes(MemberState s) => Serializer.SerializeToArray(s);

    public static int Size(MemberState s) => Bytes(s).Length;

    public static MemberState Load(byte[] bytes) => Serializer.Deserialize<MemberState>(bytes)!;

    public static MemberState RoundTrip(MemberState s) => Load(Bytes(s));
}
