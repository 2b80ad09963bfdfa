using Microsoft.Extensions.FileProviders;

namespace Loyalty.Server.Apis;

/// <summary>
/// The member app at <c>/app</c>, the till at <c>/till</c>, the marketing console at <c>/console</c>, the retention insights at <c>/insights</c> and customer service at <c>/support</c>: static pages in <c>wwwroot</c>, built from <c>web/</c>
/// by the project's build. Assets requested with their build version (<c>?v=</c>) are cached for good; everything
/// else is revalidated, so a new build shows at the next load.
/// </summary>
public static class PagesApi
{
    public static readonly IReadOnlyList<string> Pages = ["app", "till", "console", "insights", "support"];

    public static WebApplication MapPages(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = ctx => SetCaching(ctx.Context) });
        foreach (var page in Pages)
        {
            var index = $"{page}/index.html";
            app.MapMethods($"/{page}", [HttpMethods.Get, HttpMethods.Head],
                    (HttpContext context, IWebHostEnvironment environment) => ServeIndex(context, environment.WebRootFileProvider, index))
                .AllowAnonymous().ExcludeFromDescription();
        }
        return app;
    }

    private static IResult ServeIndex(HttpContext context, IFileProvider files, string path)
    {
        var file = files.GetFileInfo(path);
        if (!file.Exists)
            return TypedResults.Problem("The pages are not built: build the engine with Node.js and npm installed.",
                statusCode: StatusCodes.Status404NotFound, title: "Page not found", type: Problems.NotFound);
        SetCaching(context);
        return TypedResults.File(file.CreateReadStream(), "text/html; charset=utf-8", lastModified: file.LastModified);
    }

    private static void SetCaching(HttpContext context) =>
        context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("v")
            ? "public, max-age=31536000, immutable"
            : "no-cache";
}
