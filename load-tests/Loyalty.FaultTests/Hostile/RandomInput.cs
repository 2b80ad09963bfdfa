using System.Text;

namespace Loyalty.FaultTests.Hostile;

/// <summary>Random bytes and random (valid) JSON documents from a seeded <see cref="Random"/>.</summary>
internal static class RandomInput
{
    private static readonly string[] Strings =
        ["", "T-1", "TEA", "coffee", "\\u0000", "\\ud800", "\u2615", "        ", "null", "-1", "1e308", "\\n"];

    private static readonly string[] Numbers =
        ["0", "-1", "1", "2.5", "1e308", "-1e308", "9999999999999999999999", "0.001", "1E+2", "-0"];

    public static byte[] Bytes(Random random, int maxLength)
    {
        var bytes = new byte[random.Next(1, maxLength + 1)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>An object of 1 to 6 members whose names are mostly the call's own field names.</summary>
    public static string Object(Random random, IReadOnlyList<string> names)
    {
        var text = new StringBuilder();
        WriteObject(text, random, names, depth: 0);
        return text.ToString();
    }

    private static void WriteObject(StringBuilder text, Random random, IReadOnlyList<string> names, int depth)
    {
        text.Append('{');
        var count = random.Next(1, 7);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                text.Append(',');
            var name = names.Count > 0 && random.Next(4) > 0 ? names[random.Next(names.Count)] : Strings[random.Next(Strings.Length)];
            text.Append('"').Append(name).Append("\":");
            WriteValue(text, random, names, depth + 1);
        }
        text.Append('}');
    }

    private static void WriteValue(StringBuilder text, Random random, IReadOnlyList<string> names, int depth)
    {
        switch (random.Next(depth > 3 ? 4 : 6))
        {
            case 0: text.Append('"').Append(Strings[random.Next(Strings.Length)]).Append('"'); break;
            case 1: text.Append(Numbers[random.Next(Numbers.Length)]); break;
            case 2: text.Append(random.Next(2) == 0 ? "true" : "false"); break;
            case 3: text.Append("null"); break;
            case 4:
                text.Append('[');
                var count = random.Next(0, 4);
                for (var i = 0; i < count; i++)
                {
                    if (i > 0)
                        text.Append(',');
                    WriteValue(text, random, names, depth + 1);
                }
                text.Append(']');
                break;
            default: WriteObject(text, random, names, depth); break;
        }
    }
}
