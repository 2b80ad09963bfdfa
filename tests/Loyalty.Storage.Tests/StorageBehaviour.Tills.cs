using System.Data.Common;
using Loyalty.Domain;
using Loyalty.Storage.Tills;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Storage.Tests;

/// <summary>The enrolled tills' tables on each database: enrol, list, revoke, sessions, the digests' uniqueness, the ledger's till.</summary>
public abstract partial class StorageBehaviour<TFixture>
{
    private static readonly DateTimeOffset TillsAt = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);

    private ITillStore Tills => Fixture.Services.GetRequiredService<ITillStore>();

    private static (EnrolledTill Till, string Digest) NewTill(string name = "Counter 1") =>
        (new EnrolledTill($"till-{Guid.NewGuid():N}"[..21], name, "S-01", TillsAt, null), Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Tills_are_listed_as_enrolled_and_a_revoked_till_loses_its_key_and_sessions()
    {
        var (kept, keptDigest) = NewTill("Counter 1");
        var (revoked, revokedDigest) = NewTill("Café ☕ window");
        await Tills.EnrolAsync(kept, keptDigest);
        await Tills.EnrolAsync(revoked, revokedDigest);
        await Tills.AddSessionAsync(revoked.TillId, "session-" + revokedDigest, TillsAt, TillsAt.AddHours(12));

        var active = await Tills.ActiveCredentialsAsync(TillsAt.AddMinutes(1));
        Assert.Contains(active, c => c.Digest == keptDigest && c is { IsSession: false, Name: "Counter 1", StoreId: "S-01" } && c.TillId == kept.TillId);
        Assert.Contains(active, c => c.Digest == "session-" + revokedDigest && c.IsSession && c.TillId == revoked.TillId);

        Assert.True(await Tills.RevokeAsync(revoked.TillId, TillsAt.AddMinutes(2)));
        Assert.True(await Tills.RevokeAsync(revoked.TillId, TillsAt.AddMinutes(3)));
        Assert.False(await Tills.RevokeAsync("till-never-enrolled", TillsAt));

        active = await Tills.ActiveCredentialsAsync(TillsAt.AddMinutes(4));
        Assert.Contains(active, c => c.Digest == keptDigest);
        Assert.DoesNotContain(active, c => c.TillId == revoked.TillId);

        var listed = (await Tills.ListAsync()).Where(t => t.TillId == kept.TillId || t.TillId == revoked.TillId).ToDictionary(t => t.TillId);
        Assert.Equal(kept, listed[kept.TillId]);
        Assert.Equal(revoked with { RevokedAt = TillsAt.AddMinutes(2) }, listed[revoked.TillId]); // the first revocation stands
    }

    [Fact]
    public async Task A_session_signs_in_until_it_expires_and_expired_ones_are_forgotten()
    {
        var (till, digest) = NewTill();
        await Tills.EnrolAsync(till, digest);
        await Tills.AddSessionAsync(till.TillId, "old-" + digest, TillsAt, TillsAt.AddHours(1));

        var session = Assert.Single(await Tills.ActiveCredentialsAsync(TillsAt.AddMinutes(59)), c => c.TillId == till.TillId && c.IsSession);
        Assert.Equal(TillsAt.AddHours(1), session.ExpiresAt);
        Assert.DoesNotContain(await Tills.ActiveCredentialsAsync(TillsAt.AddHours(1)), c => c.TillId == till.TillId && c.IsSession);

        await Tills.AddSessionAsync(till.TillId, "new-" + digest, TillsAt.AddHours(2), TillsAt.AddHours(14));
        await using var connection = await Fixture.Internals.OpenConnectionAsync(CancellationToken.None);
        await using var command = Fixture.Internals.CreateCommand(connection, "SELECT token_digest FROM loyalty_till_sessions WHERE till_id = @till");
        Loyalty.Storage.Database.LoyaltyDatabase.AddParameter(command, "till", till.TillId, System.Data.DbType.String);
        Assert.Equal("new-" + digest, await command.ExecuteScalarAsync() as string);
    }

    [Fact]
    public async Task Two_tills_cannot_share_a_key_digest()
    {
        var (first, digest) = NewTill();
        await Tills.EnrolAsync(first, digest);
        var (second, _) = NewTill();

        await Assert.ThrowsAnyAsync<DbException>(() => Tills.EnrolAsync(second, digest));
        Assert.DoesNotContain(await Tills.ListAsync(), t => t.TillId == second.TillId);
    }

    [Fact]
    public async Task Ledger_entries_keep_the_till_that_made_them()
    {
        var member = NewMemberId();
        await Fixture.Ledger.AppendAsync(member, [Entry(1), Entry(2) with { TillId = "till-0123456789abcdef" }]);

        var stored = await Fixture.Ledger.ReadAsync(member, before: null, limit: 5);
        Assert.Equal("till-0123456789abcdef", stored[0].TillId);
        Assert.Null(stored[1].TillId);
    }

    [Fact]
    public async Task The_ledger_gains_its_till_column_once_however_often_the_schema_is_applied()
    {
        await Fixture.Database.EnsureSchemaAsync();
        await Fixture.Database.EnsureSchemaAsync();

        await using var connection = await Fixture.Internals.OpenConnectionAsync(CancellationToken.None);
        var sql = Fixture.Database.Provider == StorageProvider.Sqlite
            ? "SELECT COUNT(*) FROM pragma_table_info('loyalty_ledger') WHERE name = 'till_id'"
            : "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'loyalty_ledger' AND column_name = 'till_id'";
        await using var command = Fixture.Internals.CreateCommand(connection, sql);
        Assert.Equal(1L, Convert.ToInt64(await command.ExecuteScalarAsync()));
    }
}
