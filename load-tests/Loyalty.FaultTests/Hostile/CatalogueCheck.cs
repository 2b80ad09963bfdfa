using Loyalty.FaultTests.Cluster;
using Loyalty.FaultTests.Endpoints;

namespace Loyalty.FaultTests.Hostile;

/// <summary>
/// The clubs and promotions after a fuzzing pass, against before: every new promotion is one an accepted request
/// created, and nothing else changed but what accepted requests aimed at. Refused requests change nothing. Pure.
/// </summary>
/// <param name="Before">The catalogues before the pass.</param>
/// <param name="After">The catalogues after it.</param>
/// <param name="Created">The ids of the promotions accepted requests created (from their 201 answers).</param>
/// <param name="ClubsAccepted">The clubs accepted requests may have changed (the club a successful club update aimed at).</param>
/// <param name="PromotionsAccepted">The existing promotions accepted requests may have changed (ended).</param>
internal sealed record CatalogueCheck(CatalogueSnapshot Before, CatalogueSnapshot After, IReadOnlySet<string> Created,
    IReadOnlySet<string> ClubsAccepted, IReadOnlySet<string> PromotionsAccepted)
{
    /// <summary>What is wrong, one line each; empty when every change is one an accepted request made.</summary>
    public IReadOnlyList<string> Violations()
    {
        var violations = new List<string>();
        var promotionsBefore = Before.PromotionsById;
        var promotionsAfter = After.PromotionsById;
        foreach (var (id, json) in promotionsAfter)
        {
            if (!promotionsBefore.TryGetValue(id, out var was))
            {
                if (!Created.Contains(id))
                    violations.Add($"promotion {id} appeared, but no accepted request created it");
            }
            else if (was != json && !PromotionsAccepted.Contains(id))
                violations.Add($"promotion {id} changed, but no accepted request aimed at it");
        }
        foreach (var id in Created.Where(id => !promotionsAfter.ContainsKey(id)))
            violations.Add($"promotion {id} was created (201) but is not in the list");
        foreach (var id in promotionsBefore.Keys.Where(id => !promotionsAfter.ContainsKey(id)))
            violations.Add($"promotion {id} disappeared");

        var clubsBefore = Before.ClubsById;
        foreach (var (id, json) in After.ClubsById)
            if ((!clubsBefore.TryGetValue(id, out var was) || was != json) && !ClubsAccepted.Contains(id))
                violations.Add($"club {id} appeared or changed, but no accepted request aimed at it");
        foreach (var id in clubsBefore.Keys.Where(id => !After.ClubsById.ContainsKey(id)))
            violations.Add($"club {id} disappeared");

        foreach (var (sequence, id) in After.ClubAuditAfter(Before.ClubAuditCount).Where(e => !ClubsAccepted.Contains(e.Id)))
            violations.Add($"club audit entry {sequence} (club {id}) from no accepted request");
        foreach (var (sequence, id) in After.PromotionAuditAfter(Before.PromotionAuditCount)
                     .Where(e => !Created.Contains(e.Id) && !PromotionsAccepted.Contains(e.Id)))
            violations.Add($"promotion audit entry {sequence} (promotion {id}) from no accepted request");
        return violations;
    }

    /// <summary>The club or promotion ids the accepted requests of an endpoint may have changed: its may-be-accepted target's.</summary>
    public static IReadOnlySet<string> AcceptedTargets(IEnumerable<FuzzCase> accepted, string endpointKey, RequestTarget mayBeAccepted,
        Func<RequestTarget, string> id) =>
        accepted.Any(c => c.Endpoint == endpointKey) ? new HashSet<string>(StringComparer.Ordinal) { id(mayBeAccepted) } : [];
}
