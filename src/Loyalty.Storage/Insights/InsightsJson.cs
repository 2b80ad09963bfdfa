using System.Text.Json;
using System.Text.Json.Serialization;
using Loyalty.Domain.Insights;

namespace Loyalty.Storage.Insights;

/// <summary>How the read model keeps risk reasons (JSON) and segments (comma-separated) in its text columns.</summary>
internal static class InsightsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Reasons(IReadOnlyList<RiskReason> reasons) => JsonSerializer.Serialize(reasons, Options);

    public static IReadOnlyList<RiskReason> Reasons(string json) =>
        JsonSerializer.Deserialize<RiskReason[]>(json, Options) ?? [];

    public static string Segments(IEnumerable<string> segments) => string.Join(',', segments.Order(StringComparer.Ordinal));

    public static IReadOnlySet<string> Segments(string text) =>
        text.Length == 0 ? new HashSet<string>() : new HashSet<string>(text.Split(','), StringComparer.Ordinal);
}
