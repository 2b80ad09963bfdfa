using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.LoadTests;

/// <summary>What a scenario hands back: a one-line summary, the same figures as a JSON-serialisable report, and
/// whether the run saw nothing wrong (failed calls, lost or misordered events).</summary>
internal sealed record ScenarioResult(string Summary, object Report, bool Clean)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task WriteJson(string path, CancellationToken cancellation)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, Report, Report.GetType(), Json, cancellation);
    }
}
