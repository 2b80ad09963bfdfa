using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.Domain;

/// <summary>
/// How one ledger entry changed the member's points liability (<see cref="LiabilitySummary"/>): the points added to
/// (or, negative, taken from) each line. Stored with the entry as JSON (<see cref="ToJson"/>):
/// <c>{"spendable":{"2027-03-31":120},"pending":{"2027-04-30":50},"debt":-20}</c>, each part left out when it is empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.liability-change")]
public sealed record LiabilityChange([property: Id(0)] IReadOnlyList<LiabilityLine> Lines)
{
    /// <summary>The change of these lines (lines of 0 left out), in a stable order; null when there is none.</summary>
    public static LiabilityChange? Of(IReadOnlyDictionary<LiabilityKey, long> lines)
    {
        var kept = lines.Where(l => l.Value != 0).Select(l => new LiabilityLine(l.Key, l.Value))
            .OrderBy(l => l.Key.Kind).ThenBy(l => l.Key.ExpiresOn).ToArray();
        return kept.Length == 0 ? null : new LiabilityChange(kept);
    }

    /// <summary>Both changes together; null when they cancel out.</summary>
    public static LiabilityChange? Combine(LiabilityChange? first, LiabilityChange? second)
    {
        if (first is null || second is null)
            return first ?? second;
        var lines = new Dictionary<LiabilityKey, long>();
        foreach (var line in first.Lines.Concat(second.Lines))
            LiabilitySummary.Add(lines, line.Key, line.Points);
        return Of(lines);
    }

    public bool Equals(LiabilityChange? other) => other is not null && Lines.SequenceEqual(other.Lines);

    public override int GetHashCode() => Lines.Count == 0 ? 0 : HashCode.Combine(Lines.Count, Lines[0]);

    public string ToJson()
    {
        Dictionary<string, long>? Days(LiabilityKind kind)
        {
            var days = Lines.Where(l => l.Key.Kind == kind)
                .ToDictionary(l => l.Key.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l => l.Points, StringComparer.Ordinal);
            return days.Count == 0 ? null : days;
        }
        var debt = Lines.Where(l => l.Key.Kind == LiabilityKind.Debt).Sum(l => l.Points);
        return JsonSerializer.Serialize(new Shape(Days(LiabilityKind.Spendable), Days(LiabilityKind.Pending), debt == 0 ? null : debt),
            DetailsJson.Options);
    }

    /// <summary>The change a ledger entry's stored JSON describes; null for none.</summary>
    public static LiabilityChange? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        var shape = JsonSerializer.Deserialize<Shape>(json, DetailsJson.Options)
            ?? throw new FormatException("A ledger entry's liability change is not a JSON object.");
        var lines = new Dictionary<LiabilityKey, long>();
        void AddDays(LiabilityKind kind, Dictionary<string, long>? days)
        {
            foreach (var (day, points) in days ?? [])
                LiabilitySummary.Add(lines, new LiabilityKey(kind, DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture)), points);
        }
        AddDays(LiabilityKind.Spendable, shape.Spendable);
        AddDays(LiabilityKind.Pending, shape.Pending);
        if (shape.Debt is { } debt)
            LiabilitySummary.Add(lines, LiabilityKey.Debt, debt);
        return Of(lines);
    }

    private sealed record Shape(
        [property: JsonPropertyName("spendable")] Dictionary<string, long>? Spendable,
        [property: JsonPropertyName("pending")] Dictionary<string, long>? Pending,
        [property: JsonPropertyName("debt")] long? Debt);
}
