using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Loyalty.FaultTests.Cluster;
using Loyalty.FaultTests.Endpoints;

namespace Loyalty.FaultTests.Hostile;

/// <summary>
/// Fault test 4, hostile input: a seeded fuzzing pass over every endpoint of the OpenAPI document and the hub's
/// methods, with valid credentials. No answer may be a 5xx; every refusal is problem details with a type; a request
/// the contract refuses is never accepted; and no refused request changes an account, a club or a promotion. The
/// promotions it makes (to aim at, and those hostile but valid requests create) are ended before it reports.
/// </summary>
internal sealed class FuzzScenario : IFaultScenario
{
    public const string SeedVariable = "FUZZ_SEED";
    private const int Concurrency = 4;

    public string Name => "fuzz";

    public string Description =>
        "hostile input on every endpoint and hub method: no 5xx, problem details on every refusal, no change on refusal";

    public async Task<FaultReport> Run(FaultContext context, CancellationToken cancellation)
    {
        var report = new FaultReport(Name);
        using var nodes = new EngineNodes(context.Nodes);
        var till = new Credential("till key", ApiKey: context.TillKey);
        var marketing = new Credential("marketing key", ApiKey: context.MarketingKey);
        var operations = new Credential("operations key", ApiKey: context.OperationsKey);

        var endpoints = await OpenApiEndpoints.Fetch(nodes.Client(0), cancellation);
        report.Count("endpoints in the OpenAPI document", endpoints.Known.Count + endpoints.Unknown.Count);
        report.Check($"every endpoint of the OpenAPI document is known to the fuzzer (unknown: {Listed(endpoints.Unknown)})",
            endpoints.Unknown.Count == 0);

        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { } text ? int.Parse(text) : Random.Shared.Next(1, 1_000_000);
        Console.WriteLine($"  seed {seed} (repeat with {SeedVariable}={seed})");
        report.Count("seed", seed);

        var setupPromotions = new List<string>();
        var (enrolledTill, enrolledKey) = await RunTills.Enrol(nodes, 0, operations, cancellation);
        var credentials = new FuzzCredentials(till, marketing, operations, new Credential("enrolled till key", ApiKey: enrolledKey),
            new Credential("support key", ApiKey: context.SupportKey));
        var setupTills = new List<string> { enrolledTill };
        var targets = await CreateTargets(nodes, endpoints.ToTry, context.RunId, credentials, setupPromotions, setupTills, cancellation);
        var cases = new FuzzGenerator(seed).Generate(endpoints.ToTry, (e, expected) => targets[(e.Key, expected)]);
        var members = targets.Values.Select(t => t.MemberId).Distinct().ToArray();
        var before = new Dictionary<string, AccountSnapshot>();
        foreach (var member in members)
            before[member] = await AccountSnapshot.Take(nodes, 0, member, till, cancellation);
        var catalogueBefore = await CatalogueSnapshot.Take(nodes, 0, marketing, cancellation);
        var created = new ConcurrentBag<string>();
        var createdTills = new ConcurrentBag<string>();

        var tally = new FuzzTally();
        var accepted = new ConcurrentDictionary<string, ConcurrentBag<FuzzCase>>();
        await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellation },
            async (i, token) =>
            {
                var c = cases[i];
                var (status, mediaType, body) = await Send(nodes, i, c, ValidCredential(c, i, credentials), token);
                var verdict = FuzzVerdict.Judge(c, status, mediaType, body);
                tally.Record(c, status, verdict);
                if (verdict.Accepted && c.MemberId is not null)
                    accepted.GetOrAdd(c.MemberId, _ => []).Add(c);
                if (verdict.Accepted)
                    accepted.GetOrAdd(AnyMember, _ => []).Add(c);
                if (verdict.Accepted && status == 201 && c.Endpoint == CreatePromotion)
                    created.Add((string)JsonNode.Parse(body)!["id"]!);
                if (verdict.Accepted && status == 201 && c.Endpoint == EnrolTill)
                    createdTills.Add((string)JsonNode.Parse(body)!["tillId"]!);
            });

        var stateChecks = await CheckState(nodes, targets, before, accepted, tally, till, cancellation);
        var acceptedAll = accepted.TryGetValue(AnyMember, out var all) ? all.ToArray() : [];
        var catalogueCheck = new CatalogueCheck(catalogueBefore, await CatalogueSnapshot.Take(nodes, 1, marketing, cancellation),
            created.ToHashSet(StringComparer.Ordinal),
            CatalogueCheck.AcceptedTargets(acceptedAll, PutClub, targets.GetValueOrDefault((PutClub, FuzzExpectation.MayBeAccepted)) ?? NoTarget, t => t.ClubId),
            CatalogueCheck.AcceptedTargets(acceptedAll, EndPromotion, targets.GetValueOrDefault((EndPromotion, FuzzExpectation.MayBeAccepted)) ?? NoTarget, t => t.PromotionId));
        var catalogueViolations = catalogueCheck.Violations();
        foreach (var violation in catalogueViolations)
            tally.AddViolation(violation);
        var ended = await RunCatalogue.End(nodes, [.. setupPromotions, .. created], marketing, cancellation);
        var revoked = await RunTills.Revoke(nodes, [.. setupTills, .. createdTills], operations, cancellation);

        var hub = new HubFuzzer(nodes, till);
        await hub.Run(targets.Values.First().MemberId, cancellation);
        foreach (var violation in hub.Violations)
            tally.AddViolation(violation);
        var raw = new HubRawFrameProbe(nodes, till);
        await raw.Run(new Random(seed), targets.Values.First().MemberId, cancellation);
        foreach (var violation in raw.Violations)
            tally.AddViolation(violation);

        foreach (var (name, value) in tally.Counts())
            report.Count(name, value);
        report.Count("requests sent", tally.Sent)
            .Count("requests the contract refuses", tally.MustRefuse)
            .Count("accepted (2xx)", tally.Accepted)
            .Count("refused with problem details", tally.RefusedWithProblem)
            .Count("refused by the HTTP server before the engine (no body)", tally.RefusedBeforeTheEngine)
            .Count("accounts checked unchanged (only refused requests aimed at them)", stateChecks.Unchanged)
            .Count("accounts checked to hold only accepted requests", stateChecks.Attributed)
            .Count("promotions created by accepted requests", created.Count)
            .Count("promotions made for the run and by it, ended afterwards", ended)
            .Count("tills enrolled for the run and by it, revoked afterwards", revoked)
            .Count("changes of the clubs and promotions from no accepted request", catalogueViolations.Count)
            .Count("hub invocations", hub.Invoked)
            .Count("hub invocations answered with an error", hub.Errors)
            .Count("hub Unwatch calls that were no-ops", hub.NoOps)
            .Count("hub connections closed for an oversized message", hub.ClosedAsExpected)
            .Count("valid hub Watch calls after the hostile ones", hub.ValidWatchesAfter)
            .Count("raw hub frames sent (bad handshakes, bad messages, random bytes)", raw.Sent)
            .Count("raw hub frames after which the server closed the connection", raw.ClosedByTheServer)
            .Count("raw hub frames the server answered or ignored, connection open", raw.AnsweredOnAnOpenConnection)
            .Count("nodes live and serving a valid Watch after the raw frames", raw.NodesHealthyAfter)
            .Count("violations", tally.Violations.Count);
        report.Check("no 5xx answer", tally.ServerErrors == 0)
            .Check("every refusal is problem details with a type", tally.Violations.All(v => !v.Contains("without problem details", StringComparison.Ordinal)))
            .Check("no request the contract refuses was accepted", tally.Violations.All(v => !v.Contains("contract refuses", StringComparison.Ordinal)))
            .Check("no account changed by a refused request", stateChecks.Violations == 0)
            .Check("no club or promotion changed by a refused request", catalogueViolations.Count == 0)
            .Check("every promotion made for the run and by it is ended", ended == setupPromotions.Count + created.Count)
            .Check("every till enrolled for the run and by it is revoked", revoked == setupTills.Count + createdTills.Count)
            .Check("the hub answered every hostile call and kept working", hub.Violations.Count == 0 && hub.ValidWatchesAfter == nodes.Count)
            .Check("every node survived the raw hub frames", raw.Violations.Count == 0 && raw.NodesHealthyAfter == nodes.Count)
            .Check("no violations at all", tally.Violations.Count == 0);
        if (tally.Violations.Count > 0)
            Console.Write(tally.ViolationsText());
        return report;
    }

    private static async Task<Dictionary<(string, FuzzExpectation), RequestTarget>> CreateTargets(
        EngineNodes nodes, IReadOnlyList<EndpointSpec> endpoints, string runId, FuzzCredentials credentials, List<string> promotions,
        List<string> tills, CancellationToken cancellation)
    {
        var targets = new Dictionary<(string, FuzzExpectation), RequestTarget>();
        for (var i = 0; i < endpoints.Count; i++)
        {
            foreach (var expected in Enum.GetValues<FuzzExpectation>())
            {
                var suffix = expected == FuzzExpectation.Refused ? "r" : "a";
                var member = $"F{runId}-{i}{suffix}";
                await RunMembers.Create(nodes, i, member, credentials.Till, cancellation);
                var target = new RequestTarget(member, $"X{runId}-{i}{suffix}", RunMembers.SaleTransactionId(member), RunMembers.SaleSku,
                    RunMembers.RecentTime());
                if (endpoints[i].IsMarketing)
                {
                    target = target with { ClubId = $"FC{runId}-{i}{suffix}" };
                    await RunCatalogue.CreateClub(nodes, i, target.ClubId, credentials.Marketing, cancellation);
                }
                if (endpoints[i].CatalogueParameter == "{cardNumber}" || endpoints[i].Template.StartsWith("/api/members/lookup", StringComparison.Ordinal))
                    target = target with { CardNumber = await RunMembers.IssueCard(nodes, i, member, credentials.Till, cancellation) };
                if (endpoints[i].CatalogueParameter == "{promotionId}")
                {
                    target = target with { PromotionId = await RunCatalogue.CreatePromotion(nodes, i, target, credentials.Marketing, cancellation) };
                    promotions.Add(target.PromotionId);
                }
                if (endpoints[i].CatalogueParameter == "{tillId}")
                {
                    target = target with { TillId = (await RunTills.Enrol(nodes, i, credentials.Operations, cancellation)).TillId };
                    tills.Add(target.TillId);
                }
                targets[(endpoints[i].Key, expected)] = target;
            }
        }
        return targets;
    }

    /// <summary>
    /// Credentials the call accepts: the till's key for till calls, marketing's for marketing calls, the till's or
    /// marketing's (alternately) for staff calls, operations' for the tills' calls, an enrolled till's key for its
    /// session, support's for adjustments and a member's copy of their data, support's or marketing's (alternately) for reports
    /// and exports. A hostile member id goes with the till's key where the call allows it: the server removes dot segments,
    /// so <c>GET /api/members/%2E%2E/promotions</c> is <c>GET /api/promotions</c>, a marketing call that must then
    /// refuse it rather than list the promotions.
    /// </summary>
    private static Credential ValidCredential(FuzzCase c, int i, FuzzCredentials credentials) =>
        EndpointCatalog.All.Concat(EndpointCatalog.OutsideTheDocument).First(e => e.Key == c.Endpoint).Access switch
        {
            EndpointAccess.Anyone => Credential.None,
            EndpointAccess.Staff or EndpointAccess.StaffOrThatMember or EndpointAccess.StaffOrAnyMember or EndpointAccess.StaffOrSupport
                or EndpointAccess.StaffSupportOrThatMember when IsHostileMemberId(c) => credentials.Till,
            EndpointAccess.Staff or EndpointAccess.StaffOrThatMember or EndpointAccess.StaffOrAnyMember or EndpointAccess.StaffOrSupport
                or EndpointAccess.StaffSupportOrThatMember when i % 2 == 1 => credentials.Marketing,
            EndpointAccess.Marketing or EndpointAccess.MarketingOrThatMember => credentials.Marketing,
            EndpointAccess.Operations => credentials.Operations,
            EndpointAccess.EnrolledTill => credentials.EnrolledTill,
            EndpointAccess.Support or EndpointAccess.SupportOrThatMember => credentials.Support,
            EndpointAccess.SupportOrMarketing => i % 2 == 1 ? credentials.Marketing : credentials.Support,
            _ => credentials.Till,
        };

    private static bool IsHostileMemberId(FuzzCase c) =>
        c.Category == HostileCategories.HostilePath && c.Description.StartsWith(FuzzGenerator.MemberIdPrefix, StringComparison.Ordinal);

    private static async Task<(int Status, string? MediaType, string Body)> Send(EngineNodes nodes, int i, FuzzCase c, Credential till,
        CancellationToken cancellation)
    {
        try
        {
            using var response = await nodes.Send(i, c.Method, c.PathAndQuery, c.Body, c.ContentType, till, cancellation);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(cancellation));
        }
        catch (HttpRequestException e)
        {
            // No answer at all (the connection was dropped): counted as status 0, a violation.
            return (0, null, e.Message);
        }
    }

    private sealed record StateChecks(int Unchanged, int Attributed, int Violations);

    /// <summary>
    /// A member only refused requests aimed at must be exactly as before; a member that accepted some must have new
    /// ledger entries only from those, and a profile name from one of them.
    /// </summary>
    private static async Task<StateChecks> CheckState(EngineNodes nodes, Dictionary<(string, FuzzExpectation), RequestTarget> targets,
        Dictionary<string, AccountSnapshot> before, ConcurrentDictionary<string, ConcurrentBag<FuzzCase>> accepted, FuzzTally tally,
        Credential till, CancellationToken cancellation)
    {
        int unchanged = 0, attributed = 0, violations = 0;
        foreach (var ((endpoint, expected), target) in targets)
        {
            var member = target.MemberId;
            var acceptedHere = accepted.TryGetValue(member, out var bag) ? bag.ToArray() : [];
            if (acceptedHere.Any(c => c.Endpoint == EraseMember))
            {
                // Erased for good by an accepted request: the member must answer 410 to everything now.
                attributed++;
                using var gone = await nodes.Send(1, "GET", $"/api/members/{member}", null, null, till, cancellation);
                if ((int)gone.StatusCode != 410)
                {
                    violations++;
                    tally.AddViolation($"{endpoint}: member {member} was erased by an accepted request but answers {(int)gone.StatusCode}, not 410");
                }
                continue;
            }
            var after = await AccountSnapshot.Take(nodes, 1, member, till, cancellation);
            if (acceptedHere.Length == 0)
            {
                unchanged++;
                if (after != before[member])
                {
                    violations++;
                    tally.AddViolation($"{endpoint}: member {member} ({expected}) changed although every request to it was refused");
                }
                continue;
            }
            attributed++;
            var bodies = acceptedHere.Where(c => c.Body is not null).Select(c => JsonNode.Parse(c.Body!) as JsonObject).ToArray();
            var transactionIds = bodies.Select(b => b?["transactionId"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? (string?)b["transactionId"] : null).Where(t => t is not null).ToHashSet();
            var entries = await AccountSnapshot.EntriesAfter(nodes, 1, member, before[member].LedgerSequence, till, cancellation);
            var clubChanges = acceptedHere.Any(c => c.Endpoint.StartsWith("PUT /api/clubs/", StringComparison.Ordinal)
                || c.Endpoint.StartsWith("DELETE /api/clubs/", StringComparison.Ordinal));
            foreach (var entry in entries.Where(e => (e.TransactionId is null || !transactionIds.Contains(e.TransactionId))
                         && !(clubChanges && e.Kind is "club-joined" or "club-left")))
            {
                violations++;
                tally.AddViolation($"{endpoint}: member {member} has ledger entry {entry.Sequence} ({entry.Kind}, {entry.TransactionId}) from no accepted request");
            }
            var names = bodies.Select(b => b?["name"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)b["name"] : null)
                .Append(before[member].Name).ToHashSet();
            if (!names.Contains(after.Name))
            {
                violations++;
                tally.AddViolation($"{endpoint}: member {member}'s name became '{after.Name}', which no accepted request gave");
            }
        }
        return new StateChecks(unchanged, attributed, violations);
    }

    private const string CreatePromotion = "POST /api/promotions", PutClub = "PUT /api/clubs/{clubId}",
        EndPromotion = "POST /api/promotions/{promotionId}/end", EnrolTill = "POST /api/tills", EraseMember = "DELETE /api/members/{memberId}";

    /// <summary>The key under which every accepted request is kept as well (no member id has a space).</summary>
    private const string AnyMember = "any member";

    private static readonly RequestTarget NoTarget = new("", "", "", "", "");

    private static string Listed(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);
}

/// <summary>The valid credentials the fuzzer sends, one per kind of caller.</summary>
internal sealed record FuzzCredentials(Credential Till, Credential Marketing, Credential Operations, Credential EnrolledTill, Credential Support);
