using System.Globalization;

namespace Loyalty.Domain;

/// <summary>
/// An issued reward that is not used, expired or revoked yet. Its number is the ledger sequence of its
/// <c>reward-issued</c> entry, which also carries the sale that issued it; its id is <c>{CardId}-{Number}</c>.
/// </summary>
public readonly record struct OpenReward(string CardId, long Number, DateTimeOffset ExpiresAt)
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
