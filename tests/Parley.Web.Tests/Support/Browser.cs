using Microsoft.Playwright;

namespace Parley.Web.Tests.Support;

/// <summary>
/// Debian's chromium driven by Playwright (Playwright's own browser download does not work here).
/// A machine without /usr/bin/chromium fails the browser tests with a message saying how to get it;
/// they are never skipped.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] s_args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Instance = browser;
    }

    public IBrowser Instance { get; }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException(
                $"The browser tests drive Debian's chromium at {Chromium}, which is not installed. Install it with 'apt-get install -y chromium' (as root); ./test.sh does so itself when it can.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = s_args,
            Timeout = 60_000,
        });
        return new Browser(playwright, browser);
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        _playwright.Dispose();
    }
}
