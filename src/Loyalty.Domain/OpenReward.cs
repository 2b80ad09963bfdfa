using System.Globalization;

namespace Loyalty.Domain;

/// <summary>
/// A group of issued rewards of one card that are not used, expired or revoked yet, and expire together: usually
/// all of a member's open rewards of the card that expire on the same day. Its number is the ledger sequence of the
/// <c>reward-issued</c> entry that opened it; its id is <c>{CardId}-{Number}</c>, and redeeming that id uses one of
/// its <see cref="Count"/> rewards.
/// </summary>
public readonly record struct OpenReward(string CardId, long Number, DateTimeOffset ExpiresAt, int Count = 1)
{
    public string RewardId => Id(CardId, Number);

    public static string Id(string cardId, long number) => string.Create(CultureInfo.InvariantCulture, $"{cardId}-{number}");

    /// <summary>Splits an id made by <see cref="Id"/>; false for any other text, so that it names no reward.</summary>
    public static bool TryParseId(string rewardId, out string cardId, out long number)
    {
        cardId = "";
        number = 0;
        var dash = rewardId.LastIndexOf('-');
        if (dash <= 0 || !long.TryParse(rewardId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out number))
            return false;
        cardId = rewardId[..dash];
        return string.Equals(Id(cardId, number), rewardId, StringComparison.Ordinal); // "coffee-07" is not "coffee-7"
    }
}
