using Loyalty.Domain;
using Loyalty.Domain.Identity;
using Loyalty.Grains;

namespace Loyalty.Server.Identity;

/// <summary>
/// A member's identifiers kept unique across members: each new one is claimed in the <see cref="IIdentifierStore"/>
/// before the member grain hears of it, and the ones it replaces are released after. A refusal changes nothing.
/// </summary>
public sealed class MemberIdentifiers(IIdentifierStore store, IGrainFactory grains)
{
    /// <summary>Attempts at a new card number before giving up (a collision is one in 10^15 per issued card).</summary>
    private const int CardAttempts = 5;

    /// <summary>
    /// Enrols the member or updates their profile, whose e-mail and phone are in their normal form. The identifier
    /// that belongs to another member is <see cref="ProfileUpdate.InUse"/>, and then nothing has changed.
    /// </summary>
    public async Task<ProfileUpdate> EnrolAsync(string memberId, MemberProfile profile)
    {
        var grain = grains.GetGrain<IMemberGrain>(memberId);
        var before = await grain.GetAccount();
        var wanted = Of(profile.Email, profile.Phone);
        var claimed = new List<MemberIdentifier>(wanted.Count);
        try
        {
            foreach (var identifier in wanted)
            {
                var owner = await store.FindMemberAsync(identifier);
                if (owner == memberId)
                    continue;
                if (owner is not null || !await store.TryClaimAsync(identifier, memberId))
                {
                    await ReleaseAsync(claimed, memberId);
                    return new ProfileUpdate(false, null, identifier);
                }
                claimed.Add(identifier);
            }
            var created = await grain.Enrol(profile);
            foreach (var old in Of(before?.Email, before?.Phone).Except(wanted))
                await store.ReleaseAsync(old, memberId);
            return new ProfileUpdate(created, await grain.GetAccount(), null);
        }
        catch
        {
            await ReleaseAsync(claimed, memberId);
            throw;
        }
    }

    /// <summary>A new card number bound to the member; null when the member is not enrolled.</summary>
    public async Task<string?> IssueCardAsync(string memberId)
    {
        if (!await IsEnrolledAsync(memberId))
            return null;
        for (var attempt = 1; ; attempt++)
        {
            var card = Identifiers.NewCardNumber();
            if (await store.FindMemberAsync(MemberIdentifier.Card(card)) is null
                && await store.TryClaimAsync(MemberIdentifier.Card(card), memberId))
                return card;
            if (attempt == CardAttempts)
                throw new InvalidOperationException($"No free card number after {CardAttempts} attempts.");
        }
    }

    /// <summary>Binds a card (its normal form) to the member, unless another member has it.</summary>
    public async Task<CardBinding> BindCardAsync(string memberId, string card)
    {
        if (!await IsEnrolledAsync(memberId))
            return CardBinding.NotEnrolled;
        var identifier = MemberIdentifier.Card(card);
        return await store.TryClaimAsync(identifier, memberId) ? CardBinding.Bound : CardBinding.InUse;
    }

    /// <summary>Frees a card of the member (a lost card); a card nobody has is free already. Another member's stays theirs.</summary>
    public async Task<CardBinding> UnbindCardAsync(string memberId, string card)
    {
        if (!await IsEnrolledAsync(memberId))
            return CardBinding.NotEnrolled;
        var identifier = MemberIdentifier.Card(card);
        if (await store.ReleaseAsync(identifier, memberId))
            return CardBinding.Unbound;
        return await store.FindMemberAsync(identifier) is null ? CardBinding.Unbound : CardBinding.InUse;
    }

    /// <summary>The member who owns the identifier and their name, or null when nobody enrolled does.</summary>
    public async Task<MemberLookup?> LookupAsync(MemberIdentifier identifier)
    {
        if (await store.FindMemberAsync(identifier) is not { } memberId)
            return null;
        return await grains.GetGrain<IMemberGrain>(memberId).GetAccount() is { } account ? new MemberLookup(account.MemberId, account.Name) : null; // a merged member: the one it went into
    }

    /// <summary>The member's card numbers, oldest first; null when the member is not enrolled.</summary>
    public async Task<IReadOnlyList<string>?> CardsAsync(string memberId)
    {
        if (!await IsEnrolledAsync(memberId))
            return null;
        var owned = await store.ForMemberAsync(memberId);
        return [.. owned.Where(i => i.Kind == IdentifierKind.Card).Select(i => i.Value)];
    }

    private async Task<bool> IsEnrolledAsync(string memberId) => await grains.GetGrain<IMemberGrain>(memberId).GetAccount() is not null;

    private async Task ReleaseAsync(IEnumerable<MemberIdentifier> identifiers, string memberId)
    {
        foreach (var identifier in identifiers)
            await store.ReleaseAsync(identifier, memberId);
    }

    private static List<MemberIdentifier> Of(string? email, string? phone)
    {
        var identifiers = new List<MemberIdentifier>(2);
        if (email is not null)
            identifiers.Add(MemberIdentifier.Email(email));
        if (phone is not null)
            identifiers.Add(MemberIdentifier.Phone(phone));
        return identifiers;
    }
}

/// <summary>The outcome of <see cref="MemberIdentifiers.EnrolAsync"/>: the account, or the identifier another member owns.</summary>
public sealed record ProfileUpdate(bool Created, AccountView? Account, MemberIdentifier? InUse);

/// <summary>The answer of a lookup: who, and nothing more.</summary>
public sealed record MemberLookup(string MemberId, string Name);

/// <summary>What binding or unbinding a card did: bound (also when it was the member's already), unbound (also when it was free), or refused.</summary>
public enum CardBinding
{
    NotEnrolled,
    Bound,
    InUse,
    Unbound,
}
