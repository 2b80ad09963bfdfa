using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Loyalty.LoadTests;

/// <summary>
/// A hub message's object argument read by field name, whatever the protocol: the JSON protocol hands an
/// <c>object</c> argument over as a <see cref="JsonElement"/>, the MessagePack protocol as a dictionary. Names match
/// case-insensitively, so camelCase and PascalCase maps read alike.
/// </summary>
internal readonly struct HubPayload(object? value)
{
    public bool IsMap => value is JsonElement { ValueKind: JsonValueKind.Object } or IDictionary;

    public IEnumerable<string> Names => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Object } element => element.EnumerateObject().Select(p => p.Name).ToArray(),
        IDictionary map => map.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? "").ToArray(),
        _ => [],
    };

    public string? String(string name) => Field(name) switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement e => e.GetRawText(),
        string s => s,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    public long? Int64(string name) => Field(name) switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var n) => n,
        JsonElement => null,
        null => null,
        string s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null,
        IConvertible c => c.ToInt64(CultureInfo.InvariantCulture),
        _ => null,
    };

    private object? Field(string name)
    {
        switch (value)
        {
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                foreach (var property in element.EnumerateObject())
                    if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                        return property.Value;
                return null;
            case IDictionary map:
                foreach (DictionaryEntry entry in map)
                    if (entry.Key is string key && string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                        return entry.Value;
                return null;
            default:
                return null;
        }
    }
}
