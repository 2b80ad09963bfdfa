using System.Text.Json.Nodes;
using Loyalty.FaultTests.Endpoints;

namespace Loyalty.FaultTests.Tests;

public sealed class OpenApiEndpointsTests
{
    /// <summary>The shape of the engine's document: paths, each with its operations.</summary>
    private static JsonNode Document(params string[] extraPaths)
    {
        var paths = new JsonObject
        {
            ["/api/dev/tokens"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/members/{memberId}"] = new JsonObject { ["put"] = new JsonObject(), ["get"] = new JsonObject(), ["delete"] = new JsonObject(), ["parameters"] = new JsonArray() },
            ["/api/members/{memberId}/purchases"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/members/{memberId}/redemptions"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/members/{memberId}/refunds"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/members/{memberId}/activity"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/members/{memberId}/adjustments"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/members/{memberId}/voids"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/members/{memberId}/merges"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/members/lookup"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/members/{memberId}/cards"] = new JsonObject { ["get"] = new JsonObject(), ["post"] = new JsonObject() },
            ["/api/members/{memberId}/cards/{cardNumber}"] = new JsonObject { ["put"] = new JsonObject(), ["delete"] = new JsonObject() },
            ["/api/members/{memberId}/promotions"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/clubs"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/clubs/audit"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/clubs/{clubId}"] = new JsonObject { ["get"] = new JsonObject(), ["put"] = new JsonObject() },
            ["/api/clubs/{clubId}/members/{memberId}"] = new JsonObject { ["put"] = new JsonObject(), ["delete"] = new JsonObject() },
            ["/api/promotions"] = new JsonObject { ["get"] = new JsonObject(), ["post"] = new JsonObject() },
            ["/api/promotions/audit"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/promotions/{promotionId}"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/promotions/{promotionId}/end"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/insights/retention"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/insights/at-risk"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/insights/top-members"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/insights/lost"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/reports/points-liability"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/members/{memberId}/export"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/exports/members"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/exports/ledger"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/tills"] = new JsonObject { ["get"] = new JsonObject(), ["post"] = new JsonObject() },
            ["/api/tills/{tillId}"] = new JsonObject { ["delete"] = new JsonObject() },
            ["/api/tills/sessions"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/imports/{kind}"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/imports/{importId}"] = new JsonObject { ["get"] = new JsonObject() },
            ["/api/auth/codes"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/auth/tokens"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/auth/refresh"] = new JsonObject { ["post"] = new JsonObject() },
            ["/api/auth/sign-out"] = new JsonObject { ["post"] = new JsonObject() },
        };
        foreach (var path in extraPaths)
            paths[path] = new JsonObject { ["put"] = new JsonObject(), ["delete"] = new JsonObject() };
        return new JsonObject { ["openapi"] = "3.1.1", ["paths"] = paths };
    }

    [Fact]
    public void Every_operation_of_the_engines_document_is_in_the_catalogue()
    {
        var endpoints = OpenApiEndpoints.Match(Document());

        Assert.Empty(endpoints.Unknown);
        Assert.Equal(46, endpoints.Known.Count);
        Assert.Equal(EndpointCatalog.All.Select(e => e.Key).Order(), endpoints.Known.Select(e => e.Key).Order());
    }

    [Fact]
    public void The_calls_the_document_leaves_out_are_tried_too_and_open_to_anyone()
    {
        var endpoints = OpenApiEndpoints.Match(Document());

        Assert.Equal(49, endpoints.ToTry.Count);
        Assert.Contains(endpoints.ToTry, e => e.Key == "GET /health/ready");
        Assert.Contains(endpoints.ToTry, e => e.Key == "GET " + OpenApiEndpoints.DocumentPath);
        Assert.All(EndpointCatalog.OutsideTheDocument, e => Assert.Equal(EndpointAccess.Anyone, e.Access));
    }

    [Fact]
    public void An_operation_the_catalogue_does_not_know_is_reported_by_method_and_path()
    {
        var endpoints = OpenApiEndpoints.Match(Document("/api/clubs/{clubId}/owners/{memberId}"));

        Assert.Equal(["PUT /api/clubs/{clubId}/owners/{memberId}", "DELETE /api/clubs/{clubId}/owners/{memberId}"], endpoints.Unknown);
    }

    [Fact]
    public void A_document_without_paths_has_no_operations()
    {
        Assert.Empty(OpenApiEndpoints.Operations(new JsonObject { ["openapi"] = "3.1.1" }));
    }
}
