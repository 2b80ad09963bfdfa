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
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(MemberState).Assembly))
        .BuildServiceProvider();

    private static readonly Serializer Serializer = Services.GetRequiredService<Serializer>();

    /// <summary>The deep copy the member grain takes of its state before each write.</summary>
    public static MemberState Copy(MemberState s) => Services.GetRequiredService<DeepCopier<MemberState>>().Copy(s);

    public static byte[] Bytes(MemberState s) => Serializer.SerializeToArray(s);

    public static int Size(MemberState s) => Bytes(s).Length;

    public static MemberState Load(byte[] bytes) => Serializer.Deserialize<MemberState>(bytes)!;

    public static MemberState RoundTrip(MemberState s) => Load(Bytes(s));
}
