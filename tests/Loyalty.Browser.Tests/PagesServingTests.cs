using System.Net;

namespace Loyalty.Browser.Tests;

[Collection(PagesCollection.Name)]
public sealed class PagesServingTests(PagesFixture pages)
{
    [Theory]
    [InlineData("/app", "/app/app.js?v=")]
    [InlineData("/app/", "/app/app.js?v=")]
    [InlineData("/till", "/till/till.js?v=")]
    [InlineData("/till/", "/till/till.js?v=")]
    [InlineData("/console", "/console/console.js?v=")]
    [InlineData("/insights", "/insights/insights.js?v=")]
    [InlineData("/support", "/support/support.js?v=")]
    public async Task Each_page_is_served_with_and_without_a_trailing_slash(string path, string script)
    {
        using var client = pages.Host.Client();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains(script, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/app/app.js", "text/javascript")]
    [InlineData("/app/app.css", "text/css")]
    [InlineData("/till/till.js", "text/javascript")]
    [InlineData("/till/till.css", "text/css")]
    [InlineData("/console/console.js", "text/javascript")]
    [InlineData("/console/console.css", "text/css")]
    [InlineData("/insights/insights.js", "text/javascript")]
    [InlineData("/insights/insights.css", "text/css")]
    [InlineData("/support/support.js", "text/javascript")]
    [InlineData("/support/support.css", "text/css")]
    public async Task The_bundles_are_served_and_versioned_ones_are_cached(string path, string contentType)
    {
        using var client = pages.Host.Client();
        var response = await client.GetAsync(path + "?v=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
    }
}
