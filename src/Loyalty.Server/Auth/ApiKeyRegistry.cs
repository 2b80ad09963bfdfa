using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Auth;

/// <summary>The configured keys as SHA-256 digests; a presented key is hashed and compared in constant time.</summary>
public sealed class ApiKeyRegistry
{
    private readonly (byte[] Hash, string Name, string Role)[] _keys;

    public ApiKeyRegistry(IOptions<ApiKeyOptions> options)
    {
        _keys = options.Value.ApiKeys
            .Select(k => (k.Key is { Length: > 0 } plain ? Hash(plain) : Convert.FromHexString(k.KeySha256!), k.Name, k.Role))
            .ToArray();
    }

    public bool TryMatch(string presented, out string name, out string role)
    {
        var hash = Hash(presented);
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                (name, role) = (key.Name, key.Role);
                return true;
            }
        }
        (name, role) = ("", "");
        return false;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
