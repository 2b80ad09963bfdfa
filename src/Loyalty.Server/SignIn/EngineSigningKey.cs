using System.Text;
using Loyalty.Server.Auth;
using Loyalty.Storage.SignIn;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Loyalty.Server.SignIn;

/// <summary>
/// The key the engine signs member tokens with (HS256): <c>Loyalty:Auth:Jwt:SigningKey</c> when configured, else the
/// one kept in the database, created by the first node that starts, so that every node signs and checks with the same.
/// Loaded when the host starts, after the silo (and so the schema).
/// </summary>
public sealed class EngineSigningKey(IOptions<JwtSettings> jwt, SigningKeyStore store, TimeProvider time) : IHostedService
{
    public const string KeyId = "loyalty-engine";

    private SymmetricSecurityKey? _key;

    /// <summary>The key; throws before the host has started.</summary>
    public SymmetricSecurityKey Key => _key ?? throw new InvalidOperationException("The member token signing key is not loaded yet.");

    /// <summary>The key when loaded, for token validation (which may run only once the host has started).</summary>
    public SymmetricSecurityKey? KeyIfLoaded => _key;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = jwt.Value.SigningKey;
        var secret = string.IsNullOrEmpty(configured)
            ? await store.GetOrCreateAsync(SigningKeyStore.MemberTokensKeyId, time.GetUtcNow(), cancellationToken)
            : Encoding.UTF8.GetBytes(configured);
        _key = new SymmetricSecurityKey(secret) { KeyId = string.IsNullOrEmpty(configured) ? KeyId : null };
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
