using System.Text;
using System.Text.Json;
using Loyalty.FaultTests.Endpoints;
using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

public sealed class FuzzGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_requests_in_the_same_order()
    {
        var first = FuzzTargets.Generate(1234);
        var second = FuzzTargets.Generate(1234);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i] with { Body = null }, second[i] with { Body = null });
            Assert.Equal(first[i].Body, second[i].Body);
        }
    }

    [Fact]
    public void Another_seed_gives_other_random_bodies_and_another_order()
    {
        var first = FuzzTargets.Generate(1);
        var second = FuzzTargets.Generate(2);

        Assert.Equal(first.Count, second.Count);
        Assert.NotEqual(first.Select(c => c.Description), second.Select(c => c.Description));
        Assert.NotEqual(RandomBodies(first), RandomBodies(second));
    }

    [Fact]
    public void The_pass_is_a_few_hundred_to_a_couple_of_thousand_requests()
    {
        var count = FuzzTargets.Generate(5).Count;

        Assert.InRange(count, 300, 3_000);
    }

    [Fact]
    public void Every_body_field_gets_every_hostile_category_that_applies_to_it()
    {
        var cases = FuzzTargets.Generate(9);
        foreach (var endpoint in EndpointCatalog.All.Where(e => e.HasBody))
        {
            foreach (var field in endpoint.Fields)
            {
                var categories = cases.Where(c => c.Endpoint == endpoint.Key && c.Description.StartsWith(field.Path + ":", StringComparison.Ordinal))
                    .Select(c => c.Category).ToHashSet();
                string[] expected = field.Kind switch
                {
                    FieldKind.Text or FieldKind.Email or FieldKind.Phone => [.. HostileCategories.PerField],
                    FieldKind.Integer or FieldKind.SignedInteger or FieldKind.Money => [.. HostileCategories.PerNumericField, HostileCategories.WrongType,
                        HostileCategories.MissingField, HostileCategories.DuplicateProperty, HostileCategories.LongString],
                    FieldKind.Date or FieldKind.Timestamp => [HostileCategories.BadDate, HostileCategories.Unicode, HostileCategories.ControlCharacters,
                        HostileCategories.WrongType, HostileCategories.MissingField, HostileCategories.DuplicateProperty, HostileCategories.LongString],
                    _ => [HostileCategories.WrongType, HostileCategories.NestedArrays, HostileCategories.MissingField, HostileCategories.DuplicateProperty],
                };
                Assert.All(expected, category => Assert.True(categories.Contains(category), $"{endpoint.Key} {field.Path} has no {category} request"));
            }
        }
    }

    [Fact]
    public void A_sale_over_the_rewards_a_sale_may_issue_is_tried_and_must_be_422()
    {
        var absurd = Assert.Single(FuzzTargets.Generate(4), c => c.Description.StartsWith("lines: 50 lines of 10,000 free coffees", StringComparison.Ordinal));

        Assert.Equal(("POST /api/members/{memberId}/purchases", FuzzExpectation.Refused, 422), (absurd.Endpoint, absurd.Expected, absurd.Status));
        var lines = JsonDocument.Parse(absurd.Body).RootElement.GetProperty("lines");
        Assert.Equal(50, lines.GetArrayLength());
        Assert.All(lines.EnumerateArray(), l => Assert.Equal(("coffee", 10_000), (l.GetProperty("category").GetString(), l.GetProperty("quantity").GetInt32())));
    }

    [Fact]
    public void Every_endpoint_gets_its_whole_body_path_and_query_attacks()
    {
        var cases = FuzzTargets.Generate(3);
        foreach (var endpoint in EndpointCatalog.All)
        {
            var categories = cases.Where(c => c.Endpoint == endpoint.Key).Select(c => c.Category).ToHashSet();
            if (endpoint.HasBody)
                Assert.Superset(new HashSet<string>
                {
                    HostileCategories.RandomBytes, HostileCategories.MalformedJson, HostileCategories.RandomJson, HostileCategories.NotAnObject,
                    HostileCategories.NestedArrays, HostileCategories.ExtraField, HostileCategories.ContentType,
                }, categories);
            if (endpoint.HasMemberInPath)
                Assert.Contains(HostileCategories.HostilePath, categories);
            if (endpoint.Method == "GET")
                Assert.Contains(HostileCategories.HostileQuery, categories);
        }
    }

    [Fact]
    public void Every_API_route_is_tried_with_the_methods_it_does_not_serve()
    {
        var wrong = FuzzTargets.Generate(2).Where(c => c.Category == HostileCategories.WrongMethod).ToArray();

        Assert.Contains(wrong, c => c.Method == "DELETE" && c.PathAndQuery.EndsWith("/purchases", StringComparison.Ordinal));
        Assert.Contains(wrong, c => c.Method == "GET" && c.PathAndQuery == "/api/dev/tokens");
        Assert.DoesNotContain(wrong, c => c.Method == "PUT" && c.PathAndQuery == "/api/members/M-0r");
        Assert.DoesNotContain(wrong, c => c.Method == "HEAD");
        Assert.All(wrong, c => Assert.Equal(FuzzExpectation.Refused, c.Expected));
    }

    [Fact]
    public void Requests_that_must_be_refused_aim_at_another_member_than_those_that_may_succeed()
    {
        var cases = FuzzTargets.Generate(4).Where(c => c.MemberId is not null).ToArray();

        Assert.All(cases.Where(c => c.Expected == FuzzExpectation.Refused), c => Assert.EndsWith("r", c.MemberId));
        Assert.All(cases.Where(c => c.Expected == FuzzExpectation.MayBeAccepted), c => Assert.EndsWith("a", c.MemberId));
        Assert.Contains(cases, c => c.Expected == FuzzExpectation.MayBeAccepted && c.Category == HostileCategories.ExtraField);
    }

    [Fact]
    public void Field_values_are_written_verbatim_where_no_serializer_would_write_them()
    {
        var purchases = FuzzTargets.Generate(6).Where(c => c.Endpoint == "POST /api/members/{memberId}/purchases").ToArray();

        Assert.Contains("\"quantity\":9999999999999999999999", Text(Single(purchases, "lines[0].quantity: 22 digits")));
        Assert.Contains("\"unitPrice\":1.005", Text(Single(purchases, "lines[0].unitPrice: 3 decimals")));
        Assert.Contains("\"sku\":\"abc\\ud800\"", Text(Single(purchases, "lines[0].sku: lone surrogate")));
        var duplicated = Text(Single(purchases, "transactionId: given twice"));
        Assert.Equal(2, duplicated.Split("\"transactionId\":").Length - 1);
        Assert.DoesNotContain("\"storeId\"", Text(Single(purchases, "storeId: left out")));
    }

    [Fact]
    public void Hostile_member_ids_stay_percent_encoded_in_the_path()
    {
        var paths = FuzzTargets.Generate(8).Where(c => c.Category == HostileCategories.HostilePath).Select(c => c.PathAndQuery).ToArray();

        Assert.Contains("/api/members/M%00X/purchases", paths);
        Assert.Contains("/api/members/M-1%0A", paths);
        Assert.Contains(paths, p => p.Contains(new string('A', 5_000), StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_bodies_of_the_catalogue_are_JSON_objects_with_every_required_field()
    {
        var target = FuzzTargets.For(EndpointCatalog.All[0], FuzzExpectation.Refused);
        foreach (var endpoint in EndpointCatalog.All.Where(e => e.HasBody))
        {
            var body = endpoint.ValidBody!(target);
            foreach (var field in endpoint.Fields.Where(f => f.Required))
            {
                var (parent, name) = BodyMutator.Locate(body, field.Path);
                Assert.True(parent.ContainsKey(name), $"{endpoint.Key}: the valid body has no {field.Path}");
            }
        }
    }

    private static FuzzCase Single(IEnumerable<FuzzCase> cases, string description) => Assert.Single(cases, c => c.Description == description);

    private static string Text(FuzzCase c) => Encoding.UTF8.GetString(c.Body!);

    private static string[] RandomBodies(IEnumerable<FuzzCase> cases) =>
        [.. cases.Where(c => c.Category == HostileCategories.RandomBytes).Select(c => Convert.ToBase64String(c.Body!)).Order()];
}
