using System.Globalization;
using System.Text.Json;
using Loyalty.FaultTests.Endpoints;
using static Loyalty.FaultTests.Hostile.FuzzExpectation;
using static Loyalty.FaultTests.Hostile.HostileCategories;

namespace Loyalty.FaultTests.Hostile;

/// <summary>The hostile values tried in one body field, by what the field holds. Pure: the same field and random give the same values.</summary>
internal static class FieldHostileValues
{
    /// <summary>Larger than the engine's body limit (1 MiB), so the answer is 413.</summary>
    public const int OverBodyLimit = 1_100_000;

    public static IReadOnlyList<HostileValue> For(FieldSpec field, Random random)
    {
        var values = new List<HostileValue>();
        values.AddRange(field.Kind switch
        {
            FieldKind.Text or FieldKind.Email => Text(field, random),
            FieldKind.Phone => [.. Text(field, random), .. Phone()],
            FieldKind.Date => Date(),
            FieldKind.Timestamp => Timestamp(),
            FieldKind.Integer => Integer(field),
            FieldKind.SignedInteger => SignedInteger(field),
            FieldKind.Money => Money(field),
            FieldKind.Lines => [],
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "unknown field kind"),
        });
        if (field.Kind is not (FieldKind.Text or FieldKind.Email or FieldKind.Phone))
            values.Add(new(LongString, "10,000 characters", Quote(Letters(random, 10_000)), Refused));
        values.AddRange(WrongTypes(field));
        return values;
    }

    private static IEnumerable<HostileValue> Text(FieldSpec field, Random random)
    {
        // Printable non-ASCII text is valid; control and format characters, lone surrogates and padding are not.
        yield return new(Unicode, "emoji", Quote("Fault \u2615\U0001F389"), MayBeAccepted);
        yield return new(Unicode, "right-to-left script", Quote("\u0645\u0631\u062D\u0628\u0627"), MayBeAccepted);
        yield return new(Unicode, "combining marks", Quote("e\u0301\u0301\u0301\u0308"), MayBeAccepted);
        yield return new(Unicode, "right-to-left override", Quote("abc\u202Edef"), Refused);
        yield return new(Unicode, "byte order mark", Quote("\uFEFFabc"), Refused);
        yield return new(Unicode, "lone surrogate", "\"abc\\ud800\"", Refused);
        yield return new(Unicode, "lone low surrogate first", "\"\\udc00abc\"", Refused);
        yield return new(ControlCharacters, "NUL inside", Quote("a\0b"), Refused);
        yield return new(ControlCharacters, "U+0001 inside", Quote("a\u0001b"), Refused);
        yield return new(ControlCharacters, "trailing newline", Quote("abc\n"), Refused);
        yield return new(ControlCharacters, "leading tab", Quote("\tabc"), Refused);
        yield return new(ControlCharacters, "DEL inside", Quote("a\u007Fb"), Refused);
        yield return new(ControlCharacters, "surrounding spaces", Quote(" abc "), Refused);
        yield return new(ControlCharacters, "only spaces", Quote("   "), Refused);
        yield return new(LongString, $"{field.MaxLength + 1} characters (one over)", Quote(Letters(random, field.MaxLength + 1)), Refused);
        yield return new(LongString, "10,000 characters", Quote(Letters(random, 10_000)), Refused);
        yield return new(LongString, "over the body limit", Quote(Letters(random, OverBodyLimit)), Refused);
        yield return new(WrongType, "empty string", "\"\"", field.Required ? Refused : MayBeAccepted);
    }

    /// <summary>Phone numbers: numbers of no country or of impossible length are refused; the spaces around one are not its part.</summary>
    private static IEnumerable<HostileValue> Phone()
    {
        yield return new(WrongType, "letters", Quote("call me"), Refused);
        yield return new(WrongType, "too short", Quote("12"), Refused);
        yield return new(WrongType, "too long", Quote("07400 123456 789"), Refused);
        yield return new(WrongType, "no such country code", Quote("+999 1234 5678"), Refused);
        yield return new(Unicode, "Arabic-Indic digits", Quote("\u0660\u0667\u0664\u0660\u0660"), Refused);
        yield return new(ControlCharacters, "NUL inside", Quote("07400\u0000123456"), Refused);
    }

    private static IEnumerable<HostileValue> Date()
    {
        yield return new(BadDate, "in the future", Quote("2999-01-01"), Refused);
        yield return new(BadDate, "before 1900", Quote("1899-12-31"), Refused);
        yield return new(BadDate, "year 1", Quote("0001-01-01"), Refused);
        yield return new(BadDate, "30 February", Quote("1990-02-30"), Refused);
        yield return new(BadDate, "words", Quote("the first of May"), Refused);
        yield return new(Unicode, "Arabic-Indic digits", Quote("\u0661\u0669\u0669\u0660-\u0660\u0664-\u0660\u0661"), Refused);
        yield return new(ControlCharacters, "NUL inside", Quote("1990-04\0-01"), Refused);
    }

    private static IEnumerable<HostileValue> Timestamp()
    {
        yield return new(BadDate, "far in the future", Quote("2999-01-01T00:00:00Z"), Refused);
        yield return new(BadDate, "the last instant", Quote("9999-12-31T23:59:59.9999999+14:00"), Refused);
        yield return new(BadDate, "year 1 (outside the transaction window)", Quote("0001-01-01T00:00:00Z"), Refused);
        yield return new(BadDate, "month 13", Quote("2026-13-45T99:99:99Z"), Refused);
        yield return new(BadDate, "words", Quote("yesterday"), Refused);
        yield return new(BadDate, "Unix seconds", "1700000000", Refused);
        yield return new(Unicode, "emoji", Quote("\U0001F570\uFE0F"), Refused);
        yield return new(ControlCharacters, "NUL inside", Quote("2026-01-01T00:00\0:00Z"), Refused);
    }

    private static IEnumerable<HostileValue> Integer(FieldSpec field)
    {
        foreach (var value in Numbers(field))
            yield return value;
        yield return new(Precision, "a fraction", "1.5", Refused);
        yield return new(Precision, "an exponent with a fraction", "1.5e0", Refused);
    }

    /// <summary>Negative numbers are valid here: what is refused is zero and anything beyond the bounds.</summary>
    private static IEnumerable<HostileValue> SignedInteger(FieldSpec field)
    {
        var max = field.Maximum.ToString(CultureInfo.InvariantCulture);
        var min = field.Minimum.ToString(CultureInfo.InvariantCulture);
        yield return new(HugeNumber, "1e308", "1e308", Refused);
        yield return new(HugeNumber, "22 digits", "9999999999999999999999", Refused);
        yield return new(HugeNumber, "beyond a 64-bit integer", "9223372036854775808", Refused);
        yield return new(HugeNumber, $"one over the maximum {max}", (field.Maximum + 1).ToString(CultureInfo.InvariantCulture), Refused);
        yield return new(HugeNumber, "NaN", "NaN", Refused);
        yield return new(NegativeNumber, "-1e308", "-1e308", Refused);
        yield return new(NegativeNumber, "the smallest 64-bit integer", "-9223372036854775808", Refused);
        yield return new(NegativeNumber, $"one under the minimum {min}", (field.Minimum - 1).ToString(CultureInfo.InvariantCulture), Refused);
        yield return new(NegativeNumber, "zero", "0", Refused);
        yield return new(NegativeNumber, "minus zero", "-0", Refused);
        yield return new(Precision, "a fraction", "1.5", Refused);
        yield return new(Precision, "a negative fraction", "-1.5", Refused);
    }

    private static IEnumerable<HostileValue> Money(FieldSpec field)
    {
        foreach (var value in Numbers(field))
            yield return value;
        yield return new(Precision, "3 decimals", "1.005", Refused);
        yield return new(Precision, "a tenth of a cent", "0.001", Refused);
        yield return new(Precision, "28 decimals", "0.1234567890123456789012345678", Refused);
        yield return new(Precision, "trailing zeros", "1.5000000", MayBeAccepted);
        yield return new(Precision, "underflow", "1e-400", MayBeAccepted);
    }

    private static IEnumerable<HostileValue> Numbers(FieldSpec field)
    {
        var max = field.Maximum.ToString(CultureInfo.InvariantCulture);
        var overMax = (field.Kind == FieldKind.Money ? field.Maximum + 0.01m : field.Maximum + 1).ToString(CultureInfo.InvariantCulture);
        yield return new(HugeNumber, "1e308", "1e308", Refused);
        yield return new(HugeNumber, "beyond double", "1.8e309", Refused);
        yield return new(HugeNumber, "22 digits", "9999999999999999999999", Refused);
        yield return new(HugeNumber, "beyond decimal", "79228162514264337593543950336", Refused);
        yield return new(HugeNumber, $"one over the maximum {max}", overMax, Refused);
        yield return new(HugeNumber, "NaN", "NaN", Refused);
        yield return new(HugeNumber, "Infinity", "Infinity", Refused);
        yield return new(NegativeNumber, "-1", "-1", Refused);
        yield return new(NegativeNumber, "-1e308", "-1e308", Refused);
        yield return new(NegativeNumber, "-22 digits", "-9999999999999999999999", Refused);
        if (field.Minimum > 0)
            yield return new(NegativeNumber, "zero", "0", Refused);
        else
            yield return new(NegativeNumber, "a cent below zero", "-0.01", Refused);
    }

    private static IEnumerable<HostileValue> WrongTypes(FieldSpec field)
    {
        var isString = field.Kind is FieldKind.Text or FieldKind.Email or FieldKind.Phone or FieldKind.Date or FieldKind.Timestamp;
        var isNumber = field.Kind is FieldKind.Integer or FieldKind.SignedInteger or FieldKind.Money;
        if (!isNumber)
            yield return new(WrongType, "a number", "12345", Refused);
        if (!isString)
            yield return new(WrongType, isNumber ? "a number in a string" : "a string", isNumber ? "\"1\"" : "\"lines\"", Refused);
        yield return new(WrongType, "true", "true", Refused);
        yield return new(WrongType, "an object", "{\"value\":1}", Refused);
        if (field.Kind != FieldKind.Lines)
            yield return new(WrongType, "an array", "[1,2]", Refused);
        else
        {
            yield return new(WrongType, "no lines", "[]", Refused);
            yield return new(WrongType, "a null line", "[null]", Refused);
            yield return new(WrongType, "a line that is a string", "[\"TEA\"]", Refused);
            yield return new(NestedArrays, "lines nested in arrays", "[[[[{\"sku\":\"TEA\",\"quantity\":1}]]]]", Refused);
            yield return new(NestedArrays, "arrays nested 200 deep", new string('[', 200) + new string(']', 200), Refused);
        }
        yield return new(WrongType, "null", "null", field.Required ? Refused : MayBeAccepted);
    }

    public static string Quote(string text) => JsonSerializer.Serialize(text);

    public static string Letters(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = (char)('a' + random.Next(26));
        return new string(chars);
    }
}
