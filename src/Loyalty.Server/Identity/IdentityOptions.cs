namespace Loyalty.Server.Identity;

/// <summary><c>Loyalty:Identity</c>: how the engine reads the identifiers customers give.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Loyalty:Identity";

    /// <summary>
    /// The region (ISO 3166 two letters, e.g. <c>GB</c>) of phone numbers written in national form (<c>07911 123456</c>);
    /// numbers with a country code (<c>+44...</c>, <c>0044...</c>) are read whatever it is.
    /// </summary>
    public string DefaultRegion { get; set; } = "GB";
}
