using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Loyalty.Domain;

/// <summary>
/// How one ledger entry changed the member's points liability (<see cref="LiabilitySummary"/>): the points added to
/// (or, negative, taken from) each line, in the order of <see cref="LiabilityLines.Order"/>, no line of 0. Stored with
/// the entry as JSON (<see cref="ToJson"/>): <c>{"spendable":{"2027-03-31":120},"pending":{"2027-04-30":50},"debt":-20}</c>,
/// each part left out when it is empty. Every purchase makes one, so the lines are merged as sorted arrays and the JSON
/// written and read directly, without dictionaries.
/// </summary>
[GenerateSerializer, Immutable, Alias("loyalty.liability-change")]
public sealed record LiabilityChange([property: Id(0)] IReadOnlyList<LiabilityLine> Lines)
{
    /// <summary>The change of these lines (lines of 0 left out), in a stable order; null when there is none.</summary>
    public static LiabilityChange? Of(IReadOnlyDictionary<LiabilityKey, long> lines) =>
        From(LiabilityLines.Sorted(lines.Select(l => new LiabilityLine(l.Key, l.Value)).ToArray()));

    /// <summary>Both changes together; null when they cancel out.</summary>
    public static LiabilityChange? Combine(LiabilityChange? first, LiabilityChange? second)
    {
        if (first is null || second is null)
            return first ?? second;
        return From(LiabilityLines.Merge(first.Lines, second.Lines));
    }

    /// <summary>The change of these sorted lines (<see cref="LiabilityLines"/>); null for none.</summary>
    internal static LiabilityChange? From(LiabilityLine[] sorted) => sorted.Length == 0 ? null : new LiabilityChange(sorted);

    public bool Equals(LiabilityChange? other) => other is not null && Lines.SequenceEqual(other.Lines);

    public override int GetHashCode() => Lines.Count == 0 ? 0 : HashCode.Combine(Lines.Count, Lines[0]);

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(64 + Lines.Count * 24);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteDays(json, Spendable, LiabilityKind.Spendable);
            WriteDays(json, Pending, LiabilityKind.Pending);
            long debt = 0;
            foreach (var line in Lines)
                if (line.Key.Kind == LiabilityKind.Debt)
                    debt += line.Points;
            if (debt != 0)
                json.WriteNumber(Debt, debt);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteDays(Utf8JsonWriter json, JsonEncodedText name, LiabilityKind kind)
    {
        Span<byte> day = stackalloc byte[10];
        var started = false;
        foreach (var line in Lines)
        {
            if (line.Key.Kind != kind)
                continue;
            if (!started)
                json.WriteStartObject(name);
            started = true;
            json.WriteNumber(FormatDay(line.Key.ExpiresOn, day), line.Points);
        }
        if (started)
            json.WriteEndObject();
    }

    /// <summary>The change a ledger entry's stored JSON describes; null for none.</summary>
    public static LiabilityChange? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return Read(System.Text.Encoding.UTF8.GetBytes(json));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new FormatException("A ledger entry's liability change is not the JSON object it should be.", e);
        }
    }

    private static LiabilityChange? Read(ReadOnlySpan<byte> utf8)
    {
        var json = new Utf8JsonReader(utf8);
        if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            throw new FormatException("A ledger entry's liability change is not a JSON object.");
        var lines = new List<LiabilityLine>();
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            var kind = json.ValueTextEquals(Spendable.EncodedUtf8Bytes) ? LiabilityKind.Spendable
                : json.ValueTextEquals(Pending.EncodedUtf8Bytes) ? LiabilityKind.Pending
                : json.ValueTextEquals(Debt.EncodedUtf8Bytes) ? LiabilityKind.Debt
                : (LiabilityKind?)null;
            if (kind is null)
            {
                json.Skip(); // a part this version does not know
                continue;
            }
            json.Read();
            if (json.TokenType == JsonTokenType.Null)
                continue;
            if (kind == LiabilityKind.Debt)
            {
                lines.Add(new LiabilityLine(LiabilityKey.Debt, json.GetInt64()));
                continue;
            }
            if (json.TokenType != JsonTokenType.StartObject)
                throw new FormatException($"A ledger entry's liability change has {json.TokenType} for its days.");
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var day = ParseDay(json.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(json.GetString()!) : json.ValueSpan);
                json.Read();
                lines.Add(new LiabilityLine(new LiabilityKey(kind.Value, day), json.GetInt64()));
            }
        }
        return From(LiabilityLines.Sorted(lines.ToArray()));
    }

    private static readonly JsonEncodedText Spendable = JsonEncodedText.Encode("spendable");
    private static readonly JsonEncodedText Pending = JsonEncodedText.Encode("pending");
    private static readonly JsonEncodedText Debt = JsonEncodedText.Encode("debt");

    private static ReadOnlySpan<byte> FormatDay(DateOnly day, Span<byte> into)
    {
        Utf8Formatter.TryFormat(day.Year, into[..4], out _, new StandardFormat('D', 4));
        into[4] = (byte)'-';
        Utf8Formatter.TryFormat(day.Month, into[5..7], out _, new StandardFormat('D', 2));
        into[7] = (byte)'-';
        Utf8Formatter.TryFormat(day.Day, into[8..10], out _, new StandardFormat('D', 2));
        return into;
    }

    private static DateOnly ParseDay(ReadOnlySpan<byte> text)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Utf8Parser.TryParse(text[..4], out int year, out var y) && y == 4
            && Utf8Parser.TryParse(text[5..7], out int month, out var m) && m == 2
            && Utf8Parser.TryParse(text[8..], out int day, out var d) && d == 2
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            return new DateOnly(year, month, day);
        throw new FormatException($"A ledger entry's liability change has a day that is not yyyy-MM-dd: {System.Text.Encoding.UTF8.GetString(text)}.");
    }
}
