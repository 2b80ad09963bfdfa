using Loyalty.Domain.Identity;
using Loyalty.Domain.SignIn;
using Loyalty.Storage.SignIn;

namespace Loyalty.Storage.Tests;

/// <summary>The sign-in tables: each change one conditional statement, so that racing callers cannot both win.</summary>
public abstract partial class StorageBehaviour<TFixture>
{
    private static SignInCode NewCode(string identifier, DateTimeOffset at) => SignInCodes.Keep(identifier, SignInCodes.NewCode(), at);

    private static string NewIdentifier() => IdentifierDigest.Of(MemberIdentifier.Email($"{Guid.NewGuid():N}@example.org"));

    [Fact]
    public async Task Nodes_asking_for_the_signing_key_at_once_all_get_the_one_that_was_stored_first()
    {
        var keyId = "test-" + Guid.NewGuid().ToString("N");
        var nodes = Enumerable.Range(0, 4).Select(_ => new SigningKeyStore(Fixture.Internals)).ToList();

        var keys = await Task.WhenAll(nodes.Select(n => n.GetOrCreateAsync(keyId, Start)));

        Assert.Equal(64, keys[0].Length);
        Assert.All(keys, k => Assert.Equal(keys[0], k));
        Assert.Equal(keys[0], await new SigningKeyStore(Fixture.Internals).GetOrCreateAsync(keyId, Start.AddDays(1)));
    }

    [Fact]
    public async Task An_identifier_gets_its_codes_per_window_and_a_new_code_replaces_the_last()
    {
        var codes = new SignInCodeStore(Fixture.Internals);
        var identifier = NewIdentifier();
        var window = TimeSpan.FromMinutes(10);
        var last = NewCode(identifier, Start);
        for (var i = 0; i < 3; i++)
        {
            last = NewCode(identifier, Start.AddMinutes(i));
            Assert.True(await codes.TryReplaceAsync(last, Start.AddMinutes(i), 3, window));
        }

        Assert.False(await codes.TryReplaceAsync(NewCode(identifier, Start.AddMinutes(9)), Start.AddMinutes(9), 3, window));
        Assert.Equal(last.CodeDigest, (await codes.FindAsync(identifier))!.CodeDigest);
        var next = NewCode(identifier, Start.AddMinutes(10));
        Assert.True(await codes.TryReplaceAsync(next, Start.AddMinutes(10), 3, window));
        var kept = await codes.FindAsync(identifier);
        Assert.Equal(next with { ExpiresAt = kept!.ExpiresAt }, kept);
        Assert.Equal(next.ExpiresAt.UtcTicks / 10, kept.ExpiresAt.UtcTicks / 10);
    }

    [Fact]
    public async Task Racing_tries_of_a_code_get_five_tries_between_them_and_one_use()
    {
        var codes = new SignInCodeStore(Fixture.Internals);
        var identifier = NewIdentifier();
        Assert.True(await codes.TryReplaceAsync(NewCode(identifier, Start), Start, 3, TimeSpan.FromMinutes(10)));
        var kept = (await codes.FindAsync(identifier))!;

        var tries = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => codes.TryTakeTryAsync(kept, Start.AddMinutes(1))));
        var uses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => codes.UseAsync(kept)));

        Assert.Equal(SignInCodes.MaxWrongTries, tries.Count(t => t));
        Assert.Equal(1, uses.Count(u => u));
        Assert.Equal(SignInCodeState.Dead, SignInCodes.StateAt((await codes.FindAsync(identifier))!, Start.AddMinutes(1)));
        Assert.False(await codes.TryTakeTryAsync(kept, Start.AddMinutes(1)));
    }

    [Fact]
    public async Task A_refresh_token_is_spent_once_and_its_family_revoked_only_by_its_member()
    {
        var tokens = new RefreshTokenStore(Fixture.Internals);
        var family = RefreshTokens.NewFamilyId();
        var digest = RefreshTokens.Digest(RefreshTokens.NewToken());
        await tokens.StartFamilyAsync(family, "m-owner", Start);
        await tokens.AddAsync(digest, family, Start.AddDays(30));

        var spends = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => tokens.TrySpendAsync(digest, Start.AddMinutes(1))));

        Assert.Equal(1, spends.Count(s => s));
        Assert.Equal(RefreshVerdict.Reused, RefreshTokens.Judge(await tokens.FindAsync(digest), Start.AddMinutes(2)));
        Assert.False(await tokens.RevokeFamilyAsync(family, "m-someone-else", Start.AddMinutes(2)));
        Assert.True(await tokens.RevokeFamilyAsync(family, "m-owner", Start.AddMinutes(2)));
        Assert.False(await tokens.RevokeFamilyAsync(family, null, Start.AddMinutes(3)));
        Assert.Equal(RefreshVerdict.Revoked, RefreshTokens.Judge(await tokens.FindAsync(digest), Start.AddMinutes(3)));
        Assert.Null(await tokens.FindAsync(RefreshTokens.Digest(RefreshTokens.NewToken())));
    }
}
