using Loyalty.FaultTests.Cluster;
using Loyalty.FaultTests.Endpoints;

namespace Loyalty.FaultTests.Access;

/// <summary>
/// Fault test 5, authorization: every endpoint of the OpenAPI document and the hub, tried with every kind of
/// credential (none, a wrong key, the till, marketing and operations keys, an enrolled till's key, the member's own
/// token, another member's token,
/// expired, wrongly signed, foreign, unsigned and malformed tokens). Each answer must be the contract's, every refusal
/// problem details, and a refused write must leave the account, the clubs and the promotions as they were. The
/// promotions it makes (one to aim at, those marketing creates) are ended before it reports.
/// </summary>
internal sealed class AuthzScenario : IFaultScenario
{
    public string Name => "authz";

    public string Description => "every endpoint and the hub with every kind of credential: the contract's 401/403, no change on refusal";

    public async Task<FaultReport> Run(FaultContext context, CancellationToken cancellation)
    {
        var report = new FaultReport(Name);
        using var nodes = new EngineNodes(context.Nodes);
        var till = new Credential("till key", ApiKey: context.TillKey);
        var marketing = new Credential("marketing key", ApiKey: context.MarketingKey);
        var operations = new Credential("operations key", ApiKey: context.OperationsKey);

        var endpoints = await OpenApiEndpoints.Fetch(nodes.Client(0), cancellation);
        report.Count("endpoints in the OpenAPI document", endpoints.Known.Count + endpoints.Unknown.Count);
        report.Check($"every endpoint of the OpenAPI document has its access expectations (unknown: {(endpoints.Unknown.Count == 0 ? "none" : string.Join(", ", endpoints.Unknown))})",
            endpoints.Unknown.Count == 0);

        var member = $"A{context.RunId}-own";
        var other = $"A{context.RunId}-other";
        await RunMembers.Create(nodes, 0, member, till, cancellation);
        await RunMembers.Create(nodes, 1, other, till, cancellation);
        var card = await RunMembers.IssueCard(nodes, 0, member, till, cancellation);
        var (enrolledTill, enrolledKey) = await RunTills.Enrol(nodes, 0, operations, cancellation);
        var (revokedTill, _) = await RunTills.Enrol(nodes, 1, operations, cancellation); // what DELETE /api/tills/{tillId} aims at
        var credentials = CredentialSet.For(context, member, other, enrolledKey);
        // What the erasure aims at: a member of its own, with its own tokens, as a permitted erasure is for good.
        var erasable = $"A{context.RunId}-erasable";
        await RunMembers.Create(nodes, 1, erasable, till, cancellation);
        var erasableCredentials = CredentialSet.For(context, erasable, other, enrolledKey);
        var tills = new List<string> { enrolledTill, revokedTill };
        var club = $"A{context.RunId}-club";
        await RunCatalogue.CreateClub(nodes, 0, club, marketing, cancellation);
        var promotion = await RunCatalogue.CreatePromotion(nodes, 1, new RequestTarget(member, "", "", "", "", club), marketing, cancellation);
        var promotions = new List<string> { promotion };

        var matrix = new AccessMatrix();
        var limits = new RateLimitedSender();
        int cell = 0, refusedWrites = 0, unchanged = 0, withoutProblem = 0, refusedCatalogueWrites = 0, catalogueUnchanged = 0;
        foreach (var endpoint in endpoints.ToTry)
        {
            var aimedAt = endpoint.ErasesMember ? erasable : member;
            foreach (var (kind, credential) in endpoint.ErasesMember ? erasableCredentials : credentials)
            {
                var node = cell++;
                var expected = AccessExpectations.Status(endpoint, kind);
                var target = new RequestTarget(aimedAt, $"Z{context.RunId}-{node}", RunMembers.SaleTransactionId(aimedAt), RunMembers.SaleSku,
                    RunMembers.RecentTime(), club, promotion, card, revokedTill);
                // An erased member answers 410 to every read: the erasure's refusals are checked by its matrix row alone.
                var before = endpoint.Writes && !endpoint.ErasesMember ? await AccountSnapshot.Take(nodes, node, member, till, cancellation) : null;
                var catalogueBefore = endpoint.WritesCatalogue ? await CatalogueSnapshot.Take(nodes, node, marketing, cancellation) : null;
                var body = endpoint.ValidBody is { } valid ? System.Text.Encoding.UTF8.GetBytes(valid(target).ToJsonString()) : null;
                using var response = await limits.Send(nodes, node, endpoint.Method, endpoint.RequestFor(aimedAt, target), body, credential, cancellation);
                var status = (int)response.StatusCode;
                matrix.Record(endpoint.Key, kind, expected.ToString(), status.ToString());
                if (endpoint.Key == "POST /api/promotions" && status == 201)
                    promotions.Add((string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellation))!["id"]!);
                if (endpoint.Key == "POST /api/tills" && status == 201)
                    tills.Add((string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellation))!["tillId"]!);
                if (status >= 400 && !await IsProblem(response, cancellation))
                {
                    withoutProblem++;
                    Console.WriteLine($"  ! {endpoint.Key} with {credential.Name}: {status} without problem details");
                }
                if (before is not null && status >= 400)
                {
                    refusedWrites++;
                    var after = await AccountSnapshot.Take(nodes, node + 1, member, till, cancellation);
                    if (after == before)
                        unchanged++;
                    else
                        Console.WriteLine($"  ! {endpoint.Key} with {credential.Name} was refused ({status}) but changed the account");
                }
                if (catalogueBefore is not null && status >= 400)
                {
                    refusedCatalogueWrites++;
                    if (await CatalogueSnapshot.Take(nodes, node + 1, marketing, cancellation) == catalogueBefore)
                        catalogueUnchanged++;
                    else
                        Console.WriteLine($"  ! {endpoint.Key} with {credential.Name} was refused ({status}) but changed the clubs or promotions");
                }
            }
        }

        foreach (var (kind, credential) in credentials)
        {
            var actual = await HubAccessProbe.Try(nodes.Address(cell++), credential, member, cancellation);
            matrix.Record("hub " + HubConnections.Path + " Watch(own member)", kind, AccessExpectations.Hub(kind), actual);
        }

        using var erasedAnswer = await limits.Send(nodes, cell, "GET", $"/api/members/{erasable}", null, till, cancellation);
        using var ownAnswer = await limits.Send(nodes, cell + 1, "GET", $"/api/members/{member}", null, till, cancellation);

        var ended = await RunCatalogue.End(nodes, promotions, marketing, cancellation);
        var revoked = await RunTills.Revoke(nodes, tills, operations, cancellation);

        Console.Write(matrix);
        foreach (var mismatch in matrix.Mismatches)
            Console.WriteLine("  ! " + mismatch);
        var mismatches = matrix.Mismatches.Count();
        report.Count("credentials", credentials.Count)
            .Count("endpoints tried", endpoints.ToTry.Count)
            .Count("hub rows tried", 1)
            .Count("cells tried", matrix.Cells)
            .Count("cells answered as the contract says", matrix.Cells - mismatches)
            .Count("refused writes checked", refusedWrites)
            .Count("refused writes that left the account unchanged", unchanged)
            .Count("refused catalogue writes checked", refusedCatalogueWrites)
            .Count("refused catalogue writes that left the clubs and promotions unchanged", catalogueUnchanged)
            .Count("promotions the run made, ended afterwards", ended)
            .Count("tills the run enrolled, revoked afterwards", revoked)
            .Count("refusals without problem details", withoutProblem)
            .Count("requests sent again after a 429 (the engine's limit of calls without valid credentials)", limits.Retried);
        report.Check("every cell is answered as the contract says", mismatches == 0)
            .Check("every refusal is problem details with a type", withoutProblem == 0)
            .Check("no refused write changed the account", unchanged == refusedWrites && refusedWrites > 0)
            .Check("no refused write changed the clubs or promotions", catalogueUnchanged == refusedCatalogueWrites && refusedCatalogueWrites > 0)
            .Check("every promotion the run made is ended", ended == promotions.Distinct().Count())
            .Check("every till the run enrolled is revoked", revoked == tills.Distinct().Count())
            .Check("the member the erasure aimed at is erased (410), the run's member is not", (int)erasedAnswer.StatusCode == 410 && (int)ownAnswer.StatusCode == 200);
        return report;
    }

    private static async Task<bool> IsProblem(HttpResponseMessage response, CancellationToken cancellation)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return false;
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellation));
        return problem?["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String;
    }
}
