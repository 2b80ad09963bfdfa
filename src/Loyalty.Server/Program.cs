using Loyalty.Server.Apis;
using Loyalty.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLoyaltyEngine();

var app = builder.Build();
if (args.Contains("migrate"))
    return await app.MigrateAsync();

app.UseLoyaltyEngine();
app.MapMembersApi();
app.Run();
return 0;

/// <summary>The host's entry point, visible to the functional tests.</summary>
public partial class Program;
