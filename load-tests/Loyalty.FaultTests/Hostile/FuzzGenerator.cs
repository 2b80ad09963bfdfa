using System.Text;
using System.Text.Json.Nodes;
using Loyalty.FaultTests.Endpoints;
using static Loyalty.FaultTests.Hostile.FuzzExpectation;
using static Loyalty.FaultTests.Hostile.HostileCategories;

namespace Loyalty.FaultTests.Hostile;

/// <summary>
/// The hostile requests of a fuzzing pass, from a seed: the same seed and endpoints give the same requests in the same
/// order. Requests that must be refused aim at one member per endpoint, those that may succeed at another, so that
/// the first member's account can be checked to be exactly as it was.
/// </summary>
internal sealed class FuzzGenerator(int seed)
{
    /// <summary>Random requests of each random kind, per endpoint.</summary>
    public const int RandomPerKind = 6;

    public int Seed { get; } = seed;

    /// <summary>How the description of a request with a hostile member id in its path begins.</summary>
    public const string MemberIdPrefix = "member id: ";

    /// <param name="endpoints">The endpoints to fuzz.</param>
    /// <param name="targetFor">The member (and sale) a request aims at, by endpoint and by what must happen to it.</param>
    public IReadOnlyList<FuzzCase> Generate(IEnumerable<EndpointSpec> endpoints, Func<EndpointSpec, FuzzExpectation, RequestTarget> targetFor)
    {
        var random = new Random(Seed);
        var cases = new List<FuzzCase>();
        var list = endpoints.ToArray();
        foreach (var endpoint in list)
            cases.AddRange(new EndpointCases(endpoint, targetFor, random, cases.Count).All());
        cases.AddRange(WrongMethods(list, targetFor));
        // Interleave the endpoints and categories, so that every node sees every kind of request at any time.
        for (var i = cases.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (cases[i], cases[j]) = (cases[j], cases[i]);
        }
        return cases;
    }

    /// <summary>Methods an API route does not serve (HEAD aside: its answer has no body to hold problem details).</summary>
    private static IEnumerable<FuzzCase> WrongMethods(IReadOnlyList<EndpointSpec> endpoints,
        Func<EndpointSpec, FuzzExpectation, RequestTarget> targetFor)
    {
        string[] methods = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "TRACE"];
        foreach (var route in endpoints.Where(e => e.Template.StartsWith("/api/", StringComparison.Ordinal)).GroupBy(e => e.Template))
        {
            var first = route.First();
            var target = targetFor(first, Refused);
            var member = target.MemberId;
            foreach (var method in methods.Where(m => route.All(e => e.Method != m)))
                yield return new(first.Key, WrongMethod, $"{method} {route.Key}", method, first.PathFor(member, target),
                    method is "GET" or "OPTIONS" or "TRACE" ? null : Encoding.UTF8.GetBytes("{}"), method is "GET" or "OPTIONS" or "TRACE" ? null : "application/json",
                    Refused, first.HasMemberInPath ? member : null);
        }
    }

    /// <summary>The cases of one endpoint.</summary>
    private sealed class EndpointCases(EndpointSpec endpoint, Func<EndpointSpec, FuzzExpectation, RequestTarget> targetFor, Random random, int numberFrom)
    {
        private int number = numberFrom;

        public IEnumerable<FuzzCase> All()
        {
            if (endpoint.HasBody)
            {
                foreach (var field in endpoint.Fields)
                    foreach (var c in FieldCases(field))
                        yield return c;
                foreach (var c in BodyCases())
                    yield return c;
            }
            if (endpoint.HasMemberInPath)
                foreach (var id in RequestLevelHostileInput.MemberIds)
                {
                    var target = Target(Refused);
                    yield return new(endpoint.Key, HostilePath, $"{MemberIdPrefix}{id.Description}", endpoint.Method,
                        endpoint.PathFor(id.Escaped, target), BodyBytes(target), endpoint.HasBody ? "application/json" : null, Refused, null,
                        id.RefusedBeforeTheEngine);
                }
            if (endpoint.CatalogueParameter is { } parameter)
                foreach (var id in RequestLevelHostileInput.MemberIds)
                {
                    var target = Target(Refused);
                    yield return new(endpoint.Key, HostilePath, $"{parameter.Trim('{', '}')}: {id.Description}", endpoint.Method,
                        endpoint.PathWithCatalogueId(id.Escaped, target), BodyBytes(target), endpoint.HasBody ? "application/json" : null, Refused,
                        endpoint.HasMemberInPath ? target.MemberId : null, id.RefusedBeforeTheEngine);
                }
            foreach (var c in QueryCases())
                yield return c;
        }

        private IEnumerable<FuzzCase> FieldCases(FieldSpec field)
        {
            foreach (var value in FieldHostileValues.For(field, random))
                yield return Body(value.Category, $"{field.Path}: {value.Description}", value.Expected,
                    body => BodyMutator.WithRaw(body, field.Path, value.RawJson));
            if (field.Kind == FieldKind.Lines)
                yield return Body(LongString, $"{field.Path}: 501 lines (one over)", Refused, body =>
                    BodyMutator.WithRaw(body, field.Path, "[" + string.Join(",", Enumerable.Repeat(body[field.Path]![0]!.ToJsonString(), 501)) + "]"));
            if (field.Kind == FieldKind.Lines && endpoint.Fields.Any(f => f.Path == "lines[0].category"))
                yield return Body(HugeNumber, $"{field.Path}: 50 lines of 10,000 free coffees (55,555 rewards, over the 100 a sale may issue)", Refused,
                    body => BodyMutator.WithRaw(body, field.Path, "[" + string.Join(",", Enumerable.Range(0, 50).Select(i =>
                        $$"""{"sku":"COFFEE-{{i}}","category":"coffee","quantity":10000,"unitPrice":0.00}""")) + "]"),
                    status: 422);
            yield return Body(MissingField, $"{field.Path}: left out", field.Required ? Refused : MayBeAccepted,
                body => BodyMutator.Without(body, field.Path));
            yield return Body(DuplicateProperty, $"{field.Path}: given twice", Refused,
                body => BodyMutator.WithDuplicate(body, field.Path));
        }

        private IEnumerable<FuzzCase> BodyCases()
        {
            for (var i = 0; i < RandomPerKind; i++)
            {
                var bytes = RandomInput.Bytes(random, 512);
                yield return Case(RandomBytes, $"{bytes.Length} random bytes", Refused, bytes, "application/json");
            }
            for (var i = 0; i < RandomPerKind; i++)
            {
                var cut = random.NextDouble();
                yield return Body(MalformedJson, $"the valid body cut at {cut:P0}", Refused,
                    body => body.ToJsonString()[..Math.Clamp((int)(body.ToJsonString().Length * cut), 1, body.ToJsonString().Length - 1)]);
            }
            var names = endpoint.Fields.Select(f => f.Name).Distinct().ToArray();
            for (var i = 0; i < RandomPerKind; i++)
            {
                var json = RandomInput.Object(random, names);
                yield return Case(RandomJson, "a random JSON object", MayBeAccepted, Encoding.UTF8.GetBytes(json), "application/json");
            }
            foreach (var (category, description, text) in RequestLevelHostileInput.StructuralBodies())
                yield return Case(category, description, Refused, Encoding.UTF8.GetBytes(text), "application/json");
            foreach (var (description, contentType) in RequestLevelHostileInput.ContentTypes)
                yield return Body(ContentType, description, Refused, body => body.ToJsonString(), contentType);
            yield return Body(ExtraField, "an unknown field", MayBeAccepted, body => BodyMutator.WithExtra(body, "", "unexpected", "1"));
            yield return Body(ExtraField, "an unknown nested object", MayBeAccepted,
                body => BodyMutator.WithExtra(body, "", "extra", "{\"deep\":[1,{\"deeper\":null}]}"));
            yield return Body(ExtraField, "__proto__", MayBeAccepted, body => BodyMutator.WithExtra(body, "", "__proto__", "{\"admin\":true}"));
            yield return Body(ExtraField, "a field name with NUL", MayBeAccepted, body => BodyMutator.WithExtra(body, "", "a\0b", "\"x\""));
            yield return Body(ExtraField, "a case variant of a field", MayBeAccepted,
                body => BodyMutator.WithExtra(body, "", endpoint.Fields[0].Name.ToUpperInvariant(), "\"X\""));
            if (endpoint.Fields.Any(f => f.Path.StartsWith("lines[0].", StringComparison.Ordinal)))
                yield return Body(ExtraField, "an unknown field in a line", MayBeAccepted,
                    body => BodyMutator.WithExtra(body, "lines[0]", "discount", "99"));
        }

        private IEnumerable<FuzzCase> QueryCases()
        {
            var mayBeAccepted = targetFor(endpoint, MayBeAccepted);
            var path = endpoint.PathFor(mayBeAccepted.MemberId, mayBeAccepted);
            if ((InsightsHostileQueries.For(endpoint.Template) ?? LookupHostileQueries.For(endpoint.Template)
                 ?? ExportHostileQueries.For(endpoint.Template)) is { } listed)
            {
                foreach (var (description, query, expected) in listed)
                    yield return Case(HostileQuery, description, expected, null, null, $"{path}?{query}", mayBeAccepted.MemberId);
            }
            else if (endpoint.QueryParameters.Contains("limit"))
            {
                foreach (var (description, query, expected) in RequestLevelHostileInput.PagingQueries)
                {
                    var target = Target(expected);
                    yield return Case(HostileQuery, description, expected, BodyBytes(target), endpoint.HasBody ? "application/json" : null,
                        $"{endpoint.PathFor(target.MemberId, target)}?{query}", target.MemberId);
                }
            }
            else if (endpoint.QueryParameters.Contains("active"))
            {
                foreach (var (description, query, expected) in RequestLevelHostileInput.ActiveQueries)
                    yield return Case(HostileQuery, description, expected, null, null, $"{path}?{query}", mayBeAccepted.MemberId);
            }
            else if (endpoint.Method == "GET")
            {
                foreach (var (description, query) in RequestLevelHostileInput.IgnoredQueries)
                    yield return Case(HostileQuery, description, MayBeAccepted, null, null, $"{path}?{query}",
                        targetFor(endpoint, MayBeAccepted).MemberId);
            }
        }

        private FuzzCase Body(string category, string description, FuzzExpectation expected, Func<JsonObject, string> mutate,
            string? contentType = "application/json", int? status = null)
        {
            var target = Target(expected);
            var text = mutate(endpoint.ValidBody!(target));
            return Case(category, description, expected, Encoding.UTF8.GetBytes(text), contentType, memberId: target.MemberId) with { Status = status };
        }

        private FuzzCase Case(string category, string description, FuzzExpectation expected, byte[]? body, string? contentType,
            string? pathAndQuery = null, string? memberId = null)
        {
            var target = memberId is null ? targetFor(endpoint, expected) : null;
            var member = memberId ?? target!.MemberId;
            return new(endpoint.Key, category, description, endpoint.Method, pathAndQuery ?? endpoint.PathFor(member, target ?? targetFor(endpoint, expected)),
                body, contentType,
                expected, endpoint.HasMemberInPath ? member : null);
        }

        /// <summary>The target for the next request, with a transaction id of its own.</summary>
        private RequestTarget Target(FuzzExpectation expected)
        {
            var target = targetFor(endpoint, expected);
            return target with { TransactionId = $"{target.TransactionId}-{number++}" };
        }

        private byte[]? BodyBytes(RequestTarget target) =>
            endpoint.ValidBody is { } valid ? Encoding.UTF8.GetBytes(valid(target).ToJsonString()) : null;
    }
}
