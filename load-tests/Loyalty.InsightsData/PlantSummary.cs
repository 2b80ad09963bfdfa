using System.Text;

namespace Loyalty.InsightsData;

/// <summary>How many members of each plant a population has, and their purchases.</summary>
public sealed record PlantSummary(IReadOnlyDictionary<string, int> Members, long Sales)
{
    public static PlantSummary Of(IEnumerable<GeneratedMember> members)
    {
        var counts = Plants.All.ToDictionary(p => p, _ => 0, StringComparer.Ordinal);
        long sales = 0;
        foreach (var m in members)
        {
            counts[m.Plant]++;
            sales += m.Sales.Count;
        }
        return new PlantSummary(counts, sales);
    }

    public string Format()
    {
        var text = new StringBuilder();
        foreach (var plant in Plants.All)
            text.AppendLine($"  {plant,-17} {Members[plant],8}");
        return text.ToString().TrimEnd();
    }
}
