using Microsoft.Playwright;

namespace Loyalty.Browser.Tests;

/// <summary>
/// One engine (Development environment, SQLite file of its own) and one headless Chromium for all browser tests.
/// The browser is Debian's <c>chromium</c> package at <see cref="ChromiumPath"/>; Playwright's own browser downloads
/// are never used.
/// </summary>
public sealed class PagesFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>A phone (the member app's first audience) and a till's screen.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loyalty-browser-tests-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public PagesHost Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}, and it is missing. Install Debian's 'chromium' package " +
                "(apt-get install chromium; ./test.sh does this when it is missing).");

        Directory.CreateDirectory(_folder);
        Host = new PagesHost(Path.Combine(_folder, "loyalty.db"));
        _ = Host.BaseAddress;

        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        // Each launch runs on a new, empty profile (user data directory) that Playwright creates and removes.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A new page in a browser context of its own (fresh storage), on the engine's address.</summary>
    public Task<BrowserPage> OpenAsync(string path, ViewportSize? viewport = null) => OpenAsync(Host.BaseAddress, path, viewport);

    /// <summary>A new page in a browser context of its own (fresh storage), on another engine's address.</summary>
    public async Task<BrowserPage> OpenAsync(Uri baseAddress, string path, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = viewport ?? Phone,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var browserPage = new BrowserPage(context, page);
        if (path.Length > 0)
            await page.GotoAsync(path);
        return browserPage;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Host is not null)
            await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A page and its context; uncaught script errors and console errors are collected, and the context closes on dispose.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _scriptErrors = [];

    public BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => { lock (_scriptErrors) _scriptErrors.Add(error); };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                lock (_scriptErrors) _scriptErrors.Add("console: " + message.Text);
        };
    }

    public IPage Page { get; }

    public ILocator this[string selector] => Page.Locator(selector);

    /// <summary>Marks the loaded document, so that a later check can tell it was not reloaded.</summary>
    public Task MarkDocumentAsync() => Page.EvaluateAsync("() => { window.__loyaltyTestMark = true; }");

    public async Task AssertNotReloadedAsync() =>
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__loyaltyTestMark === true"), "The page was reloaded.");

    /// <summary>No uncaught script error and nothing logged as an error (a failed request or the SignalR client's complaints).</summary>
    /// <param name="expected">Console errors that contain one of these are expected (e.g. "Failed to load resource" when a request is refused).</param>
    public void AssertNoScriptErrors(params string[] expected)
    {
        lock (_scriptErrors)
        {
            var errors = _scriptErrors.Where(e => !expected.Any(x => e.StartsWith("console: ", StringComparison.Ordinal) && e.Contains(x, StringComparison.Ordinal))).ToList();
            Assert.True(errors.Count == 0, "Script errors: " + string.Join(" | ", errors));
        }
    }

    public const string FailedRequest = "Failed to load resource";

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}

[CollectionDefinition(Name)]
public sealed class PagesCollection : ICollectionFixture<PagesFixture>
{
    public const string Name = "Pages";
}
