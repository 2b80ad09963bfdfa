using Loyalty.Domain.Imports;
using Loyalty.Grains.Imports;
using Loyalty.Server.Auth;
using Loyalty.Server.Imports;
using Loyalty.Storage.Imports;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Loyalty.Server.Apis;

/// <summary>Imports of members and of historical sales, for operators: <c>/api/imports</c>.</summary>
public static class ImportsApi
{
    public const string NdjsonMediaType = "application/x-ndjson";

    /// <summary>A running import whose status has not moved on for this long was interrupted (its node stopped).</summary>
    public static readonly TimeSpan InterruptedAfter = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(Policies.Operations);
        imports.MapPost("/{kind}", Start).WithName("StartImport")
            .WithSummary("Import members (with an opening balance) or historical sales, NDJSON or CSV, streamed; 202 with the import's id, " +
                         "processed in the background. ?dryRun=true checks every line and changes nothing; ?awardPoints=true (sales) awards their points.");
        imports.MapGet("/{importId}", Status).WithName("GetImport")
            .WithSummary("Where an import stands: running, done or failed; lines read, accepted, skipped (already imported), rejected, and the first rejected lines.");
        return app;
    }

    private static async Task<Results<Accepted<ImportStarted>, ValidationProblem, ProblemHttpResult>> Start(
        string kind, bool? dryRun, bool? awardPoints, HttpContext http, ImportJobs jobs, ImportProcessor processor,
        IImportStatusStore statuses, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        ImportKind? importKind = kind switch { "members" => ImportKind.Members, "sales" => ImportKind.Sales, _ => null };
        if (importKind is not { } which)
            return ImportProblems.UnknownKind404(kind);
        if (FormatOf(http.Request.ContentType) is not { } format)
            return ImportProblems.UnsupportedMediaType415(http.Request.ContentType);
        if (which == ImportKind.Members && awardPoints == true)
            return Problems.Invalid(new Dictionary<string, string[]>
            {
                ["awardPoints"] = ["'awardPoints' applies to sales: a members line brings its opening balance in 'points'."],
            });
        var limit = options.Value.MaxBodyMegabytes * 1024L * 1024L;
        if (http.Request.ContentLength > limit)
            return ImportProblems.TooLarge413(options.Value.MaxBodyMegabytes);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;

        var importId = Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(ImportJobs.SpoolDirectory);
        var file = Path.Combine(ImportJobs.SpoolDirectory, importId + ".part");
        try
        {
            await using (var copy = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.Asynchronous))
                await http.Request.Body.CopyToAsync(copy, cancellationToken);
            var status = processor.Started(importId, which, new ImportRun(importId, dryRun == true, awardPoints == true));
            await statuses.SaveAsync(status, cancellationToken);
            jobs.Start(status, format, file);
        }
        catch
        {
            File.Delete(file);
            throw;
        }
        return TypedResults.Accepted($"/api/imports/{importId}", new ImportStarted(importId));
    }

    private static async Task<Results<Ok<ImportStatusResponse>, ProblemHttpResult>> Status(
        string importId, IImportStatusStore statuses, [FromKeyedServices(Loyalty.Grains.LoyaltyClock.Key)] TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!Loyalty.Domain.IdFormat.IsValid(importId) || await statuses.FindAsync(importId, cancellationToken) is not { } status)
            return ImportProblems.NotFound404(importId);
        if (status.State == ImportStates.Running && time.GetUtcNow() - status.UpdatedAt > InterruptedAfter)
            status = status with
            {
                State = ImportStates.Failed,
                Message = "The import was interrupted (its node stopped); send the file again: what was imported is skipped.",
            };
        return TypedResults.Ok(ImportStatusResponse.From(status));
    }

    /// <summary>NDJSON or CSV, by the content type (its parameters, such as a charset, aside); null for anything else.</summary>
    private static ImportFormat? FormatOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() switch
        {
            NdjsonMediaType or "application/ndjson" or "application/jsonl" => ImportFormat.Ndjson,
            ReportsApi.CsvMediaType => ImportFormat.Csv,
            _ => null,
        } : null;
}

public sealed record ImportStarted(string ImportId);

/// <summary>An import's status as <c>GET /api/imports/{importId}</c> answers it.</summary>
public sealed record ImportStatusResponse(
    string ImportId,
    string Kind,
    string State,
    bool DryRun,
    bool AwardPoints,
    long LinesRead,
    long Accepted,
    long Skipped,
    long Rejected,
    IReadOnlyList<ImportLineError> Errors,
    string? Message,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt)
{
    public static ImportStatusResponse From(ImportStatus s) => new(s.ImportId, s.Kind == ImportKind.Members ? "members" : "sales", s.State,
        s.DryRun, s.AwardPoints, s.LinesRead, s.Accepted, s.Skipped, s.Rejected, s.Errors, s.Message, s.StartedAt, s.UpdatedAt);
}

/// <summary>The imports' problem types (<c>urn:loyalty:problem:import-*</c>).</summary>
public static class ImportProblems
{
    public const string NotFound = "urn:loyalty:problem:import-not-found";
    public const string UnknownKind = "urn:loyalty:problem:import-kind-unknown";
    public const string UnsupportedMediaType = "urn:loyalty:problem:import-unsupported-media-type";
    public const string TooLarge = "urn:loyalty:problem:import-too-large";

    public static ProblemHttpResult NotFound404(string importId) =>
        TypedResults.Problem($"There is no import '{importId}'.", statusCode: StatusCodes.Status404NotFound, title: "Import not found", type: NotFound);

    public static ProblemHttpResult UnknownKind404(string kind) =>
        TypedResults.Problem($"There is no import of '{kind}': import 'members' or 'sales'.", statusCode: StatusCodes.Status404NotFound,
            title: "Unknown import", type: UnknownKind);

    public static ProblemHttpResult UnsupportedMediaType415(string? contentType) =>
        TypedResults.Problem($"An import is NDJSON ({ImportsApi.NdjsonMediaType}) or CSV ({ReportsApi.CsvMediaType}), not '{contentType}'.",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported import format", type: UnsupportedMediaType);

    public static ProblemHttpResult TooLarge413(int megabytes) =>
        TypedResults.Problem($"An import's body is at most {megabytes} MB ({ImportOptions.SectionName}:{nameof(ImportOptions.MaxBodyMegabytes)}).",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Import too large", type: TooLarge);
}
