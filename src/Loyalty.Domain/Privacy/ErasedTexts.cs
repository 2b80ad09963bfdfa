using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Loyalty.Domain.Privacy;

/// <summary>
/// Takes personal data out of the ledger's texts: every whole-word occurrence of each of the texts, in any letter case,
/// becomes <see cref="Programme.ErasedText"/>. In a description, anywhere; in the details (JSON), in string values only,
/// so that the details stay the same JSON with the same keys.
/// </summary>
public static class ErasedTexts
{
    /// <summary>
    /// An entry's description without the texts. The enrolment's names the member as enrolled, perhaps under a name the
    /// profile no longer has: it loses the name whatever it was.
    /// </summary>
    public static string DescriptionWithout(string kind, string description, IReadOnlyList<string> texts) =>
        kind == LedgerKinds.Enrolled ? $"Enrolled as {Programme.ErasedText}" : Without(description, texts);

    public static string Without(string text, IReadOnlyList<string> texts)
    {
        foreach (var t in texts.OrderByDescending(t => t.Length)) // an e-mail address before the name it may hold
            text = Regex.Replace(text, $@"(?<!\w){Regex.Escape(t)}(?!\w)", Programme.ErasedText,
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return text;
    }

    /// <summary>The details (JSON) without the texts; the same string when they held none.</summary>
    public static string DetailsWithout(string details, IReadOnlyList<string> texts)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(details);
        }
        catch (JsonException)
        {
            return Without(details, texts); // not JSON: plain text
        }
        return root is not null && Erase(root, texts) ? root.ToJsonString(DetailsJson.Options) : details;
    }

    /// <summary>Erases the texts from the string values under <paramref name="node"/>; true when one changed.</summary>
    private static bool Erase(JsonNode node, IReadOnlyList<string> texts)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToArray())
                    changed |= Replace(child, texts, erased => obj[name] = erased);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    changed |= Replace(array[i], texts, erased => array[index] = erased);
                }
                break;
        }
        return changed;
    }

    private static bool Replace(JsonNode? child, IReadOnlyList<string> texts, Action<string> set)
    {
        if (child is JsonValue value && value.TryGetValue<string>(out var text))
        {
            var erased = Without(text, texts);
            if (string.Equals(erased, text, StringComparison.Ordinal))
                return false;
            set(erased);
            return true;
        }
        return child is not null && Erase(child, texts);
    }
}
