using System.Globalization;
using Loyalty.Domain.Identity;

namespace Loyalty.Domain.Imports;

/// <summary>
/// The checks a members or sales line passes before it is applied, the same as the API's for an enrolment and a
/// purchase, and an import's own: sales of any age up to <see cref="ImportOptions.MaxHistoryYears"/>, none in the future.
/// Pure: the time, the phone region and the programme's tiers are given.
/// </summary>
public sealed class ImportLineRules(ImportOptions options, DateTimeOffset now, string phoneRegion, IReadOnlyCollection<string> tiers)
{
    public const int MaxNameLength = 200;
    public const int MaxIdLength = 64;
    public const int MaxSaleLines = 500;
    public const int MaxQuantity = 10_000;
    public const decimal MaxUnitPrice = 1_000_000m;
    public const long MaxOpeningPoints = 1_000_000_000L;
    /// <summary>How far ahead of the engine's clock a till's clock may be, as for purchases.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public ImportOptions Options => options;

    public ImportParsed<ImportedMember> Member(long line, MemberLine m)
    {
        if (!IdFormat.IsValid(m.MemberId))
            return Refused<ImportedMember>(line, "memberId", "'memberId' is required: 1 to 64 letters, digits, '-' or '_'.");
        if (string.IsNullOrEmpty(m.Name) || m.Name.Length > MaxNameLength || !IsPrintable(m.Name))
            return Refused<ImportedMember>(line, "name", $"'name' is required: printable text of at most {MaxNameLength} characters, without surrounding spaces.");
        string? email = null, phone = null, card = null;
        if (m.Email is not null && (email = Identifiers.NormaliseEmail(m.Email)) is null)
            return Refused<ImportedMember>(line, "email", "'email' is not a valid e-mail address.");
        if (m.Phone is not null && (phone = Identifiers.NormalisePhone(m.Phone, phoneRegion)) is null)
            return Refused<ImportedMember>(line, "phone", $"'phone' is not a valid phone number (international, or national in {phoneRegion}).");
        if (m.CardNumber is not null && (card = Identifiers.NormaliseCard(m.CardNumber)) is null)
            return Refused<ImportedMember>(line, "cardNumber", "'cardNumber' must be 16 digits whose last is the Luhn check digit.");
        if (m.EnrolledAt is { } enrolledAt && enrolledAt > now + ClockSkew)
            return Refused<ImportedMember>(line, "enrolledAt", "'enrolledAt' is in the future.");
        if (m.Points is < 0 or > MaxOpeningPoints)
            return Refused<ImportedMember>(line, "points", $"'points' must be between 0 and {MaxOpeningPoints}.");
        if (m.PointsExpireOn is { } expires && expires < Programme.Day(now))
            return Refused<ImportedMember>(line, "pointsExpireOn", "'pointsExpireOn' is in the past: points already expired are not brought in.");
        if (m.PointsExpireOn is not null && m.Points is null)
            return Refused<ImportedMember>(line, "pointsExpireOn", "'pointsExpireOn' is given without 'points'.");
        string? tier = null;
        if (m.Tier is not null && (tier = tiers.FirstOrDefault(t => string.Equals(t, m.Tier, StringComparison.OrdinalIgnoreCase))) is null)
            return Refused<ImportedMember>(line, "tier", $"'tier' must be one of the programme's tiers: {string.Join(", ", tiers)}.");
        return new(new ImportedMember(line, m.MemberId!, new MemberProfile(m.Name, email, null, phone), card, m.EnrolledAt?.ToUniversalTime(),
            m.Points ?? 0, m.PointsExpireOn, tier), null);
    }

    public ImportParsed<ImportedSale> Sale(long line, SaleLine s)
    {
        if (!IdFormat.IsValid(s.MemberId))
            return Refused<ImportedSale>(line, "memberId", "'memberId' is required: 1 to 64 letters, digits, '-' or '_'.");
        if (!IsId(s.TransactionId))
            return Refused<ImportedSale>(line, "transactionId", $"'transactionId' is required: printable text of at most {MaxIdLength} characters.");
        if (s.OccurredAt is not { } occurredAt)
            return Refused<ImportedSale>(line, "occurredAt", "'occurredAt' is required (ISO 8601, e.g. 2025-03-14T10:30:00Z).");
        if (occurredAt > now + ClockSkew)
            return Refused<ImportedSale>(line, "occurredAt", "'occurredAt' is in the future.");
        if (occurredAt < now.AddYears(-options.MaxHistoryYears))
            return Refused<ImportedSale>(line, "occurredAt", string.Create(CultureInfo.InvariantCulture,
                $"'occurredAt' is more than {options.MaxHistoryYears} years ago ({ImportOptions.SectionName}:{nameof(ImportOptions.MaxHistoryYears)})."));
        if (s.StoreId is not null && !IsId(s.StoreId))
            return Refused<ImportedSale>(line, "storeId", $"'storeId' must be printable text of at most {MaxIdLength} characters.");
        if (s.Lines is not { Count: >= 1 and <= MaxSaleLines } items)
            return Refused<ImportedSale>(line, "lines", $"A sale has between 1 and {MaxSaleLines} lines.");
        var lines = new PurchaseLine[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"lines[{i}]";
            if (items[i] is not { } item)
                return Refused<ImportedSale>(line, field, "A sale line is required.");
            if (!IsId(item.Sku))
                return Refused<ImportedSale>(line, field + ".sku", $"'sku' is required: printable text of at most {MaxIdLength} characters.");
            if (item.Category is not null && !IsId(item.Category))
                return Refused<ImportedSale>(line, field + ".category", $"'category' must be printable text of at most {MaxIdLength} characters.");
            if (item.Quantity is not (>= 1 and <= MaxQuantity))
                return Refused<ImportedSale>(line, field + ".quantity", $"'quantity' must be between 1 and {MaxQuantity}.");
            if (item.UnitPrice is not { } price || price < 0 || price > MaxUnitPrice || decimal.Round(price, 2) != price)
                return Refused<ImportedSale>(line, field + ".unitPrice", $"'unitPrice' must be between 0 and {MaxUnitPrice} with at most 2 decimal places.");
            lines[i] = new PurchaseLine(item.Sku!, item.Category, item.Quantity.Value, price);
        }
        return new(new ImportedSale(line, s.MemberId!, new Purchase(s.TransactionId!, s.StoreId, occurredAt.ToUniversalTime(), lines)), null);
    }

    private static ImportParsed<T> Refused<T>(long line, string field, string message) where T : class =>
        ImportParsed<T>.Refused(line, field, message);

    private static bool IsId(string? value) => !string.IsNullOrEmpty(value) && value.Length <= MaxIdLength && IsPrintable(value);

    /// <summary>Printable text, as the API's rule: no control, format or unassigned characters, no surrounding spaces.</summary>
    public static bool IsPrintable(string value)
    {
        if (value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
            return false;
        foreach (var c in value)
            if (char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse)
                return false;
        return true;
    }
}
