using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Loyalty.Server.Imports.Cli;

/// <summary>
/// <c>dotnet Loyalty.Server.dll import members|sales FILE</c>: streams FILE to a running engine's import API, follows
/// the import with a progress bar (or a line every few seconds when the output is not a terminal) and ends with a
/// summary and the first rejected lines. A client of the API: it starts no engine.
/// </summary>
public sealed class ImportCommand(HttpClient http, TextWriter output, bool terminal, TimeProvider time)
{
    public const int Done = 0;
    public const int DoneWithRejectedLines = 1;
    public const int Failed = 2;

    /// <summary>How many rejected lines the summary lists.</summary>
    public const int ErrorsShown = 10;

    private static readonly TimeSpan LineEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The process's entry: arguments after <c>import</c>, the console, the environment.</summary>
    public static async Task<int> MainAsync(IReadOnlyList<string> args)
    {
        ImportCommandOptions options;
        try
        {
            options = ImportCommandOptions.Parse(args, Environment.GetEnvironmentVariable);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync(ImportCommandOptions.Usage);
            return Failed;
        }
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var http = Client(options);
        return await new ImportCommand(http, Console.Out, !Console.IsOutputRedirected, TimeProvider.System).RunAsync(options, stop.Token);
    }

    /// <summary>A client for the engine at the options' address with their key; no time limit (a file may take hours to send).</summary>
    public static HttpClient Client(ImportCommandOptions options)
    {
        var http = new HttpClient { BaseAddress = options.Url, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add("X-Api-Key", options.Key);
        return http;
    }

    public async Task<int> RunAsync(ImportCommandOptions options, CancellationToken cancel)
    {
        FileStream file;
        try
        {
            file = new FileStream(options.File, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"cannot read {options.File}: {e.Message}");
            return Failed;
        }
        var started = time.GetTimestamp();
        await using var counted = new CountingStream(file);
        var size = file.Length;
        using var content = new StreamContent(counted, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue(options.ContentType) { CharSet = "utf-8" };
        var upload = http.PostAsync(options.RequestPath, content, cancel);

        ImportStatus? status = null;
        string? importId = null;
        var lastLine = started;
        var unreachableSince = (long?)null;
        ImportProgress Progress() => new(size, counted.BytesRead, LinesSent(counted, size, importId is not null), importId is not null, status,
            time.GetElapsedTime(started));
        try
        {
            while (status is null || status.State == ImportStatus.Running)
            {
                var tick = Task.Delay(options.PollInterval, time, cancel);
                if (importId is null)
                {
                    await Task.WhenAny(upload, tick);
                    if (upload.IsCompleted)
                    {
                        var (id, refusal) = await StartedAsync(await upload, cancel);
                        if (id is null)
                            return await EndAsync(refusal!, Failed);
                        importId = id;
                        continue;
                    }
                }
                else
                {
                    try
                    {
                        status = await StatusAsync(importId, cancel);
                        unreachableSince = null;
                    }
                    catch (HttpRequestException e)
                    {
                        unreachableSince ??= time.GetTimestamp();
                        if (time.GetElapsedTime(unreachableSince.Value) > GiveUpAfter)
                            return await EndAsync($"the engine stopped answering about import {importId}: {e.Message}", Failed);
                    }
                    if (status is null || status.State == ImportStatus.Running)
                        await tick;
                }
                if (terminal)
                    await output.WriteAsync("\r" + Progress().Bar() + "\u001b[K");
                else if (time.GetElapsedTime(lastLine) >= LineEvery)
                {
                    lastLine = time.GetTimestamp();
                    await output.WriteLineAsync(Progress().Line());
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return await EndAsync("stopped; the engine may still be importing"
                + (importId is null ? "" : $" (GET /api/imports/{importId})") + ". Run the same command again to resume: lines already imported are skipped.", Failed);
        }
        catch (HttpRequestException e)
        {
            return await EndAsync($"the engine at {http.BaseAddress} could not be reached: {e.Message}", Failed);
        }
        var final = Progress();
        await output.WriteLineAsync(terminal ? "\r" + final.Bar() + "\u001b[K" : final.Line());
        return await SummaryAsync(importId!, status, final, options.DryRun);
    }

    /// <summary>The lines sent: the newlines, and a last line without one once the whole file is sent.</summary>
    private static long LinesSent(CountingStream counted, long size, bool uploaded) =>
        counted.NewLines + (uploaded && size > 0 && counted.BytesRead > 0 && counted.NewLines == 0 ? 1 : 0);

    private async Task<(string? Id, string? Refusal)> StartedAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancel);
            if (response.StatusCode == HttpStatusCode.Accepted && JsonSerializer.Deserialize<ImportStarted>(body, Json) is { ImportId: { Length: > 0 } id })
                return (id, null);
            return (null, $"the engine refused the import: {(int)response.StatusCode} {Problem(body)}");
        }
    }

    private async Task<ImportStatus> StatusAsync(string importId, CancellationToken cancel)
    {
        using var response = await http.GetAsync($"api/imports/{Uri.EscapeDataString(importId)}", cancel);
        if (!response.IsSuccessStatusCode)
            return new ImportStatus(ImportStatus.Failed, 0, 0, 0, 0,
                [new ImportLineError(0, null, $"GET /api/imports/{importId} answered {(int)response.StatusCode} {Problem(await response.Content.ReadAsStringAsync(cancel))}")]);
        return await response.Content.ReadFromJsonAsync<ImportStatus>(Json, cancel)
            ?? throw new HttpRequestException($"GET /api/imports/{importId} answered no status");
    }

    /// <summary>A problem's title and detail, or the body as it is.</summary>
    private static string Problem(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("title", out var title))
                return root.TryGetProperty("detail", out var detail) ? $"{title.GetString()}: {detail.GetString()}" : title.GetString() ?? body;
        }
        catch (JsonException)
        {
        }
        return body.Length > 500 ? body[..500] : body;
    }

    private async Task<int> SummaryAsync(string importId, ImportStatus? status, ImportProgress final, bool dryRun)
    {
        if (status is null)
            return await EndAsync($"import {importId} gave no status", Failed);
        var took = $"in {ImportProgress.Duration(final.Elapsed)} ({ImportProgress.Count((long)Math.Round(final.Rate))} lines/s)";
        await output.WriteLineAsync(status.State == ImportStatus.Done
            ? $"{(dryRun ? "dry run done" : "done")}: {ImportProgress.Count(status.LinesRead)} lines read, {ImportProgress.Count(status.Accepted)} accepted, "
              + $"{ImportProgress.Count(status.Skipped)} skipped, {ImportProgress.Count(status.Rejected)} rejected {took}"
            : $"import {importId} failed after {ImportProgress.Count(status.LinesRead)} lines {took}");
        if (dryRun && status.State == ImportStatus.Done)
            await output.WriteLineAsync("dry run: nothing was changed");
        var errors = status.Errors ?? [];
        if (errors.Count > 0)
        {
            await output.WriteLineAsync(status.State == ImportStatus.Done ? "first rejected lines:" : "errors:");
            foreach (var error in errors.Take(ErrorsShown))
                await output.WriteLineAsync(error.Line > 0 ? $"  line {error.Line}  {error.Field ?? "-"}  {error.Message}" : $"  {error.Message}");
            var more = Math.Max(status.Rejected, errors.Count) - Math.Min(errors.Count, ErrorsShown);
            if (more > 0)
                await output.WriteLineAsync($"  and {ImportProgress.Count(more)} more (GET /api/imports/{importId})");
        }
        return status.State != ImportStatus.Done ? Failed : status.Rejected > 0 ? DoneWithRejectedLines : Done;
    }

    private async Task<int> EndAsync(string message, int code)
    {
        if (terminal)
            await output.WriteLineAsync();
        await output.WriteLineAsync(message);
        return code;
    }
}
