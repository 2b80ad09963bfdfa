using Loyalty.Server.Apis;
using Loyalty.Server.Auth;
using Loyalty.Server.Hosting;
using Loyalty.Server.Hubs;
using Loyalty.Server.Imports.Cli;
using Microsoft.Extensions.Options;

// A client of a running engine: it starts none.
if (args is ["import", .. var importArgs])
    return await ImportCommand.MainAsync(importArgs);

var builder = WebApplication.CreateBuilder(args);
builder.AddLoyaltyEngine();

var app = builder.Build();
if (args.Contains("migrate"))
{
    await using (app)
        return await app.MigrateAsync();
}
if (args.Contains("rebuild-insights"))
{
    await using (app)
        return await app.RebuildInsightsAsync();
}

app.UseLoyaltyEngine();
app.MapAuthApi();
app.MapMembersApi();
app.MapCorrectionsApi();
app.MapMergesApi();
app.MapPrivacyApi();
app.MapIdentityApi();
app.MapMemberPromotionsApi();
app.MapClubsApi();
app.MapPromotionsApi();
app.MapInsightsApi();
app.MapReportsApi();
app.MapExportsApi();
app.MapTillsApi();
app.MapImportsApi();
app.MapLoyaltyHub();
app.MapDevTokens(app.Environment, app.Services.GetRequiredService<IOptions<JwtSettings>>().Value);
app.Run();
return 0;

/// <summary>The host's entry point, visible to the functional tests.</summary>
public partial class Program;
