using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Loyalty.Domain;
using Loyalty.Domain.Insights;
using Loyalty.Grains;
using Loyalty.Grains.Privacy;
using Loyalty.Grains.Insights;
using Loyalty.Grains.PendingPoints;
using Loyalty.Grains.Liability;
using Loyalty.Grains.Promotions;
using Loyalty.Server.Apis;
using Loyalty.Server.Auth;
using Loyalty.Server.Hubs;
using Loyalty.Server.Identity;
using Loyalty.Server.Imports;
using Loyalty.Server.RateLimiting;
using Loyalty.Server.Tills;
using Loyalty.Server.SignIn;
using Loyalty.Storage;
using Loyalty.Storage.Insights;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Hosting;

/// <summary>The composition root: everything the engine's host registers and maps, in one place.</summary>
public static class LoyaltyEngineExtensions
{
    /// <summary>Largest request body accepted (a 500-line purchase is well under it).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddLoyaltyEngine(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton(LoyaltyClock.Key, TimeProvider.System);
        services.AddOptions<ProgrammeOptions>().Bind(config.GetSection(ProgrammeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProgrammeOptions>, ProgrammeOptionsValidator>();
        services.AddSingleton(sp => new Programme(sp.GetRequiredService<IOptions<ProgrammeOptions>>().Value));
        services.AddOptions<InsightsOptions>().Bind(config.GetSection(InsightsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InsightsOptions>, InsightsOptionsValidator>();

        if (config.GetValue<int?>(MergeFaultInjection.ConfigurationKey) is { } killAfterStep)
        {
            if (builder.Environment.IsProduction())
                throw new InvalidOperationException($"{MergeFaultInjection.ConfigurationKey} is for crash tests only: it is refused in Production.");
            services.AddSingleton(new MergeFaultInjection(killAfterStep));
        }
        if (config.GetValue<int?>(ErasureFaultInjection.ConfigurationKey) is { } killAfterErasureStep)
        {
            if (builder.Environment.IsProduction())
                throw new InvalidOperationException($"{ErasureFaultInjection.ConfigurationKey} is for crash tests only: it is refused in Production.");
            services.AddSingleton(new ErasureFaultInjection(killAfterErasureStep));
        }
        builder.UseOrleans(silo => silo.UseLoyaltySilo(config));
        builder.AddLoyaltyTelemetry();
        services.AddLoyaltyLogging();
        services.AddLoyaltyShutdown();

        services.AddLoyaltyPromotions();
        services.AddLoyaltyInsights();
        services.AddLoyaltyPendingReleases();
        services.AddLoyaltyLiability();
        services.AddLoyaltyAuth(config);
        services.AddLoyaltyIdentity();
        services.AddLoyaltyTills();
        services.AddLoyaltyImports();
        services.AddLoyaltySignIn(config); // after the silo: its signing key is read from the database at start
        services.AddLoyaltyHub();
        services.AddLoyaltyRateLimits();
        AddHttp(builder);
        return builder;
    }

    private static void AddHttp(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            // Kestrel's own defaults, stated: the request line, and all headers together (a bearer token included).
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestHeaderCount = 100;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.AllowDuplicateProperties = false;
            // Numbers are JSON numbers: "quantity": "2" is the wrong type, not 2 (the web defaults would read it).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });

        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        services.AddValidatorsFromAssemblyContaining<PurchaseRequest>(ServiceLifetime.Singleton);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Type = ctx.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized => Problems.Unauthorized,
                StatusCodes.Status403Forbidden => Problems.Forbidden,
                _ when ctx.ProblemDetails.Type?.StartsWith("urn:", StringComparison.Ordinal) == true => ctx.ProblemDetails.Type,
                StatusCodes.Status404NotFound => Problems.NotFound,
                StatusCodes.Status405MethodNotAllowed => Problems.MethodNotAllowed,
                >= 400 and < 500 => Problems.MalformedRequest,
                _ => ctx.ProblemDetails.Type,
            };
            ctx.ProblemDetails.Detail ??= ctx.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized => $"Send a valid '{ApiKeyAuthenticationHandler.HeaderName}' header, or a member's bearer token.",
                StatusCodes.Status403Forbidden => "These credentials may not make this call.",
                _ => null,
            };
        });
        services.AddExceptionHandler<ExceptionProblemHandler>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<SecuritySchemesTransformer>();
            o.AddOperationTransformer<RefusalResponsesTransformer>();
        });
    }

    public static WebApplication UseLoyaltyEngine(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHubStoppingGuard();
        app.UseAuthentication();
        app.UseLoyaltyRateLimiter(); // after authentication: callers are told apart by their credentials
        app.UseAuthorization();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapPages();
        app.MapDashboard(app.Configuration);
        return app;
    }

    /// <summary>
    /// Applies the database schema, empties the insights read model and marks every member with sales, then exits:
    /// <c>dotnet Loyalty.Server.dll rebuild-insights</c>. The running engine's projector builds the read model again.
    /// </summary>
    public static async Task<int> RebuildInsightsAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<ILoyaltyDatabase>().EnsureSchemaAsync();
        await app.Services.GetRequiredService<InsightsProjector>().RebuildAsync();
        app.Logger.LogInformation("The insights read model is emptied and every member with sales is marked: the projector rebuilds it.");
        return 0;
    }

    /// <summary>Applies the database schema and exits: <c>dotnet Loyalty.Server.dll migrate</c>.</summary>
    public static async Task<int> MigrateAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<ILoyaltyDatabase>();
        await database.EnsureSchemaAsync();
        app.Logger.LogInformation("The {Provider} schema is up to date.", database.Provider);
        return 0;
    }
}
