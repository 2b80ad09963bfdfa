using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Hostile;

/// <summary>
/// Edits a valid JSON body at a field path (<c>lines[0].quantity</c>) into text no serializer would write: a raw
/// value, a missing field, a duplicated property, an unknown extra field.
/// </summary>
internal static class BodyMutator
{
    private const string Placeholder = "__fault_value__";

    /// <summary>The body with the field's value replaced by raw JSON text (the field is added when absent).</summary>
    public static string WithRaw(JsonObject body, string path, string rawJson)
    {
        var copy = Copy(body);
        var (parent, name) = Locate(copy, path);
        parent[name] = Placeholder;
        return Replace(copy.ToJsonString(), rawJson);
    }

    /// <summary>The body without the field.</summary>
    public static string Without(JsonObject body, string path)
    {
        var copy = Copy(body);
        var (parent, name) = Locate(copy, path);
        parent.Remove(name);
        return copy.ToJsonString();
    }

    /// <summary>The body with the field written twice, with the same value (absent fields are written as null twice).</summary>
    public static string WithDuplicate(JsonObject body, string path)
    {
        var copy = Copy(body);
        var (parent, name) = Locate(copy, path);
        var first = parent[name]?.ToJsonString() ?? "null";
        parent[name] = Placeholder;
        return Replace(copy.ToJsonString(), $"{first},{FieldHostileValues.Quote(name)}:{first}");
    }

    /// <summary>The body with an unknown field added to the object at <paramref name="objectPath"/> ("" for the top).</summary>
    public static string WithExtra(JsonObject body, string objectPath, string name, string rawJson)
    {
        var copy = Copy(body);
        var target = objectPath.Length == 0 ? copy : Navigate(copy, objectPath) as JsonObject
            ?? throw new ArgumentException($"'{objectPath}' is not an object of the body.", nameof(objectPath));
        target[name] = Placeholder;
        return Replace(copy.ToJsonString(), rawJson);
    }

    /// <summary>The object holding the field at <paramref name="path"/>, and the field's name in it.</summary>
    public static (JsonObject Parent, string Name) Locate(JsonObject root, string path)
    {
        var dot = path.LastIndexOf('.');
        if (dot < 0)
            return (root, path);
        var parent = Navigate(root, path[..dot]) as JsonObject
            ?? throw new ArgumentException($"'{path[..dot]}' is not an object of the body.", nameof(path));
        return (parent, path[(dot + 1)..]);
    }

    private static JsonNode? Navigate(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var step in path.Split('.'))
        {
            var bracket = step.IndexOf('[');
            var name = bracket < 0 ? step : step[..bracket];
            node = node?[name];
            if (bracket >= 0)
                node = node?[int.Parse(step[(bracket + 1)..^1])];
        }
        return node;
    }

    private static JsonObject Copy(JsonObject body) => (JsonObject)body.DeepClone();

    private static string Replace(string json, string rawJson)
    {
        var quoted = "\"" + Placeholder + "\"";
        var at = json.IndexOf(quoted, StringComparison.Ordinal);
        return json[..at] + rawJson + json[(at + quoted.Length)..];
    }
}
