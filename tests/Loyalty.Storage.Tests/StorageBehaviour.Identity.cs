using Loyalty.Domain.Identity;
using Loyalty.Storage.Database;
using Loyalty.Storage.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Loyalty.Storage.Tests;

/// <summary>Who owns which identifier: claims, releases, restarts and the race of two nodes.</summary>
public abstract partial class StorageBehaviour<TFixture>
{
    private IIdentifierStore Identifiers => Fixture.Services.GetRequiredService<IIdentifierStore>();

    /// <summary>Unique in every run (the store keeps what it is given; the rules of the form are the domain's).</summary>
    private static MemberIdentifier NewPhone() => MemberIdentifier.Phone($"+{Guid.NewGuid():N}");

    private static MemberIdentifier NewEmail() => MemberIdentifier.Email($"{Guid.NewGuid():N}@example.com");

    /// <summary>Another node's view of the same database: its own connections (its own pool, on PostgreSQL).</summary>
    private LoyaltyDatabase OtherNode() =>
        LoyaltyDatabase.Create(Fixture.Services.GetRequiredService<IOptions<LoyaltyStorageOptions>>().Value, AppContext.BaseDirectory);

    [Fact]
    public async Task Identifier_claimed_belongs_to_the_member_and_a_claim_again_by_them_succeeds()
    {
        var member = NewMemberId();
        var email = NewEmail();

        Assert.Null(await Identifiers.FindMemberAsync(email));
        Assert.True(await Identifiers.TryClaimAsync(email, member));
        Assert.True(await Identifiers.TryClaimAsync(email, member));

        Assert.Equal(member, await Identifiers.FindMemberAsync(email));
        Assert.Equal([email], await Identifiers.ForMemberAsync(member));
    }

    [Fact]
    public async Task Identifier_of_one_member_is_refused_to_another_and_stays_with_its_owner()
    {
        var (owner, other) = (NewMemberId(), NewMemberId());
        var phone = NewPhone();
        Assert.True(await Identifiers.TryClaimAsync(phone, owner));

        Assert.False(await Identifiers.TryClaimAsync(phone, other));
        Assert.False(await Identifiers.ReleaseAsync(phone, other));

        Assert.Equal(owner, await Identifiers.FindMemberAsync(phone));
        Assert.Empty(await Identifiers.ForMemberAsync(other));
    }

    [Fact]
    public async Task Identifier_released_is_free_for_another_member()
    {
        var (first, second) = (NewMemberId(), NewMemberId());
        var card = MemberIdentifier.Card(Domain.Identity.Identifiers.NewCardNumber());
        Assert.True(await Identifiers.TryClaimAsync(card, first));

        Assert.True(await Identifiers.ReleaseAsync(card, first));
        Assert.False(await Identifiers.ReleaseAsync(card, first));
        Assert.Null(await Identifiers.FindMemberAsync(card));

        Assert.True(await Identifiers.TryClaimAsync(card, second));
        Assert.Equal(second, await Identifiers.FindMemberAsync(card));
        Assert.Empty(await Identifiers.ForMemberAsync(first));
    }

    [Fact]
    public async Task Identifiers_of_each_kind_are_distinct_and_listed_for_their_member()
    {
        var member = NewMemberId();
        var value = Guid.NewGuid().ToString("N");
        var email = MemberIdentifier.Email(value);
        var phone = MemberIdentifier.Phone(value);
        var card = MemberIdentifier.Card(value);

        Assert.True(await Identifiers.TryClaimAsync(email, member));
        Assert.True(await Identifiers.TryClaimAsync(phone, member));
        Assert.True(await Identifiers.TryClaimAsync(card, NewMemberId()));

        Assert.Equal(new[] { email, phone }.ToHashSet(), (await Identifiers.ForMemberAsync(member)).ToHashSet());
    }

    [Fact]
    public async Task Identifiers_survive_reopening_the_database()
    {
        var member = NewMemberId();
        var phone = NewPhone();
        await using (var before = OtherNode())
        {
            Assert.True(await new IdentifierStore(before, TimeProvider.System).TryClaimAsync(phone, member));
        }

        await using var reopened = OtherNode();
        var store = new IdentifierStore(reopened, TimeProvider.System);
        Assert.Equal(member, await store.FindMemberAsync(phone));
        Assert.False(await store.TryClaimAsync(phone, NewMemberId()));
    }

    [Fact]
    public async Task Identifier_claimed_by_two_nodes_at_the_same_instant_goes_to_exactly_one_member()
    {
        await using var nodeA = OtherNode();
        await using var nodeB = OtherNode();
        var storeA = new IdentifierStore(nodeA, TimeProvider.System);
        var storeB = new IdentifierStore(nodeB, TimeProvider.System);

        for (var round = 0; round < 100; round++)
        {
            var phone = NewPhone();
            var (memberA, memberB) = (NewMemberId(), NewMemberId());
            using var start = new Barrier(2);
            var claimA = Task.Run(async () => { start.SignalAndWait(); return await storeA.TryClaimAsync(phone, memberA); });
            var claimB = Task.Run(async () => { start.SignalAndWait(); return await storeB.TryClaimAsync(phone, memberB); });
            var (wonA, wonB) = (await claimA, await claimB);

            Assert.True(wonA ^ wonB, $"round {round}: exactly one claim wins (A {wonA}, B {wonB})");
            var owner = await Identifiers.FindMemberAsync(phone);
            Assert.Equal(wonA ? memberA : memberB, owner);
            Assert.Equal(owner, await storeA.FindMemberAsync(phone));
            Assert.Equal(owner, await storeB.FindMemberAsync(phone));
        }
    }
}
