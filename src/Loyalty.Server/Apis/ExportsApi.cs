using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Loyalty.Domain;
using Loyalty.Domain.Identity;
using Loyalty.Grains;
using Loyalty.Grains.Privacy;
using Loyalty.Server.Auth;
using Loyalty.Storage.Privacy;
using Loyalty.Storage.SignIn;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Loyalty.Server.Apis;

/// <summary>
/// Data out: a member's copy of their data (<c>/api/members/{memberId}/export</c>, GDPR articles 15 and 20), and every
/// member as CSV and the ledger of a date range as NDJSON (<c>/api/exports</c>), for accounting and CRM. Each is written
/// as it is read, a page at a time: never more than a page in memory, however large the programme.
/// </summary>
public static class ExportsApi
{
    public const string NdjsonMediaType = "application/x-ndjson";
    /// <summary>The longest date range of a ledger export, in days: a year, leap or not.</summary>
    public const int MaxLedgerDays = 366;
    internal const int PageSize = 500;

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/members/{memberId}/export", ExportMember).WithTags("Members").RequireAuthorization(Policies.MemberData)
            .WithName("ExportMember").Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Everything held about the member, as one JSON document to download (support, or the member themself).");
        var exports = app.MapGroup("/api/exports").WithTags("Exports").RequireAuthorization(Policies.Reports);
        exports.MapGet("/members", ExportMembers).WithName("ExportMembers").Produces(StatusCodes.Status200OK, contentType: ReportsApi.CsvMediaType)
            .WithSummary("Every enrolled member as CSV, one row each, in member id order.");
        exports.MapGet("/ledger", ExportLedger).WithName("ExportLedger").Produces(StatusCodes.Status200OK, contentType: NdjsonMediaType)
            .WithSummary($"The ledger entries made from 'from' to 'to' (dates, UTC, inclusive, at most {MaxLedgerDays} days) as NDJSON, in time order.");
        return app;
    }

    private static async Task<IResult> ExportMember(string memberId, ClaimsPrincipal user, IGrainFactory grains, IIdentifierStore identifiers,
        RefreshTokenStore signIns, IOptions<JsonOptions> json, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time)
    {
        var errors = RequestValidation.CheckMemberId(memberId);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (!user.MayAccess(memberId))
            return Problems.NotYourAccount403();
        if (await grains.GetGrain<IMemberExportGrain>(memberId).GetExport() is not { } data)
            return Problems.MemberNotFound404(memberId);
        var options = json.Value.SerializerOptions;
        var now = time.GetUtcNow();
        return Results.Stream(async body =>
        {
            // Written into a buffer, sent to the body after each part: the serializer flushes its writer synchronously.
            var buffer = new ArrayBufferWriter<byte>();
            await using var writer = new Utf8JsonWriter(buffer);
            async Task SendAsync()
            {
                await writer.FlushAsync();
                await body.WriteAsync(buffer.WrittenMemory);
                buffer.Clear();
            }
            writer.WriteStartObject();
            writer.WriteString("memberId", data.MemberId);
            writer.WriteString("exportedAt", now);
            Write(writer, "account", data.Account, options);
            Write(writer, "identifiers", (await identifiers.ForMemberAsync(data.MemberId))
                .Select(i => new { kind = i.Kind.ToString().ToLowerInvariant(), value = i.Value }), options);
            Write(writer, "lots", data.Lots, options);
            Write(writer, "pendingLots", data.PendingLots, options);
            Write(writer, "clubs", data.Clubs, options);
            var sessions = await signIns.ListForMemberAsync(data.MemberId, now);
            Write(writer, "signIns", new { active = sessions.Count(s => s.Active), sessions }, options);
            writer.WritePropertyName("ledger");
            writer.WriteStartArray();
            // The ledger up to the sequence of the account above, newest first, a page at a time.
            var member = grains.GetGrain<IMemberGrain>(data.MemberId);
            for (long? before = data.Account.LedgerSequence + 1; before is not null;)
            {
                var page = await member.GetActivity(before, PageSize);
                if (page is null)
                    break;
                foreach (var entry in page.Entries)
                    JsonSerializer.Serialize(writer, ActivityResponse.EntryOf(entry, user.IsMember()), options);
                await SendAsync();
                before = page.NextBefore;
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            await SendAsync();
        }, "application/json; charset=utf-8", $"member-{data.MemberId}.json");
    }

    private static IResult ExportMembers(MemberStateReader states, Serializer serializer, Programme programme, IOptions<ClusterOptions> cluster,
        [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time) =>
        Results.Stream(async body =>
        {
            var now = time.GetUtcNow();
            await using var writer = new StreamWriter(body, leaveOpen: true) { NewLine = "\r\n" };
            await writer.WriteAsync(MembersCsv.Header + "\r\n");
            for (string? after = null; ;)
            {
                var page = await states.ReadAsync(cluster.Value.ServiceId, after, PageSize);
                foreach (var stored in page)
                {
                    var state = serializer.Deserialize<MemberState>(stored.Payload);
                    if (state is not { Enrolled: true, MergedInto: null, Erasure: null })
                        continue;
                    programme.Advance(state, now); // a copy: what the account shows today, nothing stored
                    await writer.WriteAsync(MembersCsv.Row(programme.View(state, stored.MemberId, now)));
                }
                await writer.FlushAsync();
                if (page.Count < PageSize)
                    break;
                after = page[^1].StoredKey;
            }
        }, ReportsApi.CsvMediaType + "; charset=utf-8", "members.csv");

    private static IResult ExportLedger(HttpRequest request, LedgerRangeReader ledger, IOptions<JsonOptions> json)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Day(request, "from", errors);
        var to = Day(request, "to", errors);
        if (from is { } f && to is { } t)
        {
            if (f > t)
                errors["to"] = ["'to' must be on or after 'from'."];
            else if (t.DayNumber - f.DayNumber + 1 > MaxLedgerDays)
                errors["to"] = [$"The range may be at most {MaxLedgerDays} days; export a longer one in parts."];
        }
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        var start = new DateTimeOffset(from!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var until = new DateTimeOffset(to!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);
        var options = json.Value.SerializerOptions;
        return Results.Stream(async body =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            await using var writer = new Utf8JsonWriter(buffer);
            for (MemberLedgerEntry? after = null; ;)
            {
                var page = await ledger.ReadAsync(start, until, after, PageSize);
                foreach (var line in page)
                {
                    JsonSerializer.Serialize(writer, LedgerExportLine.Of(line), options);
                    writer.Flush();
                    buffer.Write("\n"u8);
                    writer.Reset(buffer);
                }
                await body.WriteAsync(buffer.WrittenMemory);
                buffer.Clear();
                await body.FlushAsync();
                if (page.Count < PageSize)
                    break;
                after = page[^1];
            }
        }, NdjsonMediaType + "; charset=utf-8", $"ledger-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.ndjson");
    }

    private static void Write<T>(Utf8JsonWriter writer, string name, T value, JsonSerializerOptions options)
    {
        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, value, options);
    }

    /// <summary>A required date query parameter, yyyy-MM-dd; null (and an error) when missing, repeated or malformed.</summary>
    private static DateOnly? Day(HttpRequest request, string name, Dictionary<string, string[]> errors)
    {
        var values = request.Query[name];
        if (values.Count == 1 && DateOnly.TryParseExact(values[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day < DateOnly.MaxValue)
            return day;
        errors[name] = [values.Count == 0 ? $"'{name}' is required: a date, yyyy-MM-dd." : $"'{name}' must be one date, yyyy-MM-dd."];
        return null;
    }
}
