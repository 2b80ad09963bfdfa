using Loyalty.Domain.Identity;
using Loyalty.Domain.Privacy;

namespace Loyalty.Domain;

/// <summary>
/// Erasure of a member's personal data: name, e-mail, phone, birth date and identifiers. The amounts stay under the
/// member id (points, lots, spend, the ledger's amounts), so the books and the points liability still add up.
/// </summary>
public sealed partial class Programme
{
    /// <summary>What an erased ledger text reads instead of the personal data it held.</summary>
    public const string ErasedText = "[erased]";

    /// <summary>
    /// Step 1 of an erasure: forgets the profile and the identifiers a merge snapshot kept, takes the personal data out of
    /// the entries not yet copied to the ledger, and appends a <see cref="LedgerKinds.MemberErased"/> entry (which tells
    /// the watchers). Remembers what the later steps remove elsewhere: the texts to take out of the ledger, and
    /// <paramref name="identifiers"/> (those bound in the identifier table) with the profile's e-mail and phone.
    /// Done again, it changes nothing and answers the first erasure.
    /// </summary>
    public MemberErasure Erase(MemberState s, IReadOnlyList<MemberIdentifier> identifiers, DateTimeOffset now)
    {
        if (s.Erasure is { } erased)
            return erased;
        var profile = s.Profile;
        var texts = new[] { profile?.Name, profile?.Email, profile?.Phone }
            .Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!).Distinct(StringComparer.Ordinal).ToArray();
        var all = identifiers.ToList();
        if (profile?.Email is { Length: > 0 } email)
            all.Add(MemberIdentifier.Email(email));
        if (profile?.Phone is { Length: > 0 } phone)
            all.Add(MemberIdentifier.Phone(phone));
        var erasure = new MemberErasure(now, texts, all.Distinct().ToArray());
        s.Profile = null;
        if (s.MergeOut is { } away)
            s.MergeOut = away with { Identifiers = [] };
        for (var i = 0; i < s.Outbox.Count; i++)
            s.Outbox[i] = s.Outbox[i] with
            {
                Description = ErasedTexts.DescriptionWithout(s.Outbox[i].Kind, s.Outbox[i].Description, texts),
                Details = s.Outbox[i].Details is { } details ? ErasedTexts.DetailsWithout(details, texts) : null,
            };
        s.Erasure = erasure;
        Append(s, LedgerKinds.MemberErased, now, null, null, 0, null, "Personal data erased", null);
        return erasure;
    }

    /// <summary>The last step of an erasure: the texts and identifiers were removed everywhere, and are forgotten here too.</summary>
    public static void CompleteErasure(MemberState s)
    {
        if (s.Erasure is { Done: false } erasure)
            s.Erasure = erasure with { Texts = [], Identifiers = [], Done = true };
    }
}
