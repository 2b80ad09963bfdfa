using System.Text.Json.Serialization;

namespace Loyalty.Domain;

/// <summary>What a promotion does to a purchase it applies to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PromotionEffectKind>))]
public enum PromotionEffectKind
{
    /// <summary>Multiplies the base points of the matching lines by the value (extra points: base × (value − 1)).</summary>
    [JsonStringEnumMemberName("multiplier")] Multiplier,
    /// <summary>Adds the value, a whole number of points, once per purchase.</summary>
    [JsonStringEnumMemberName("bonusPoints")] BonusPoints,
    /// <summary>Adds the value, a whole number of stamps, once per purchase, to the stamp card of the effect's category.</summary>
    [JsonStringEnumMemberName("bonusStamps")] BonusStamps,
}
