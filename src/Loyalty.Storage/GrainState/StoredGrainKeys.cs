using Orleans.Runtime;

namespace Loyalty.Storage.GrainState;

/// <summary>
/// The key a grain's state is stored under. The Orleans ADO.NET grain storage reads a string key that parses as a
/// hexadecimal number ("10", "abc") or a GUID as that number or GUID, so "10", "010" and "0x"-less "A" … "a" spellings of
/// one number shared one stored row ("abc" and "ABC" too): two members, one balance. Such a key is given to the provider
/// behind a '+' (which no member id, promotion id or club id contains), which it reads as no number: the state is stored
/// under "+10", apart from "+010". Keys that do not parse are stored as before, unchanged.
/// </summary>
public static class StoredGrainKeys
{
    /// <summary>The mark in front of a key that would otherwise be read as a number or a GUID.</summary>
    public const char Mark = '+';

    /// <summary>Whether the provider would read <paramref name="grainId"/>'s key as a number or a GUID.</summary>
    public static bool IsAmbiguous(GrainId grainId) =>
        grainId.TryGetGuidKey(out _, out _) || grainId.TryGetIntegerKey(out _, out _);

    /// <summary>The grain id the provider is given: <paramref name="grainId"/> itself, or with its key behind the mark.</summary>
    public static GrainId Stored(GrainId grainId) =>
        IsAmbiguous(grainId) ? GrainId.Create(grainId.Type, Mark + grainId.Key.ToString()) : grainId;

    /// <summary>The grain key of a stored row's key column ("+10" is the key "10").</summary>
    public static string KeyOf(string storedKey) =>
        storedKey.Length > 0 && storedKey[0] == Mark ? storedKey[1..] : storedKey;
}
