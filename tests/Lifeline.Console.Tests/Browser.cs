using Deque.AxeCore.Commons;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Lifeline.Console.Tests;

/// <summary>
/// Debian's chromium driven by Playwright (its bundled driver; no browser download), headless, one per test class.
/// Each person in a test gets a context of their own: their own cookies, as separate browsers would have.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Chromium { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        TestEnvironment.Require(File.Exists(ChromiumPath), "Debian's chromium (/usr/bin/chromium)");
        // Generous waits: on a two-core CI machine the browser tests share the CPU with the main test project, and a first
        // request (JIT, a cold provider) can take seconds. A wait is a limit, not a delay: a passing test does not take longer.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    /// <summary>A desktop (1280×900) or phone-sized (360×740, touch) browser context of its own, not signed in.</summary>
    public async Task<IPage> NewPageAsync(LifelineServer server, bool phone = false, string? timeZone = null)
    {
        var context = await Chromium.NewContextAsync(new()
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 360, Height = 740 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            TimezoneId = timeZone ?? "Europe/Berlin",
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page, as a person would, and waits for the landing page's live connection.</summary>
    public async Task<IPage> SignedInAsync(LifelineServer server, string userName, string password, bool phone = false, string? path = null)
    {
        var page = await NewPageAsync(server, phone);
        await page.GotoAsync(path ?? "/");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        if (People.CodeFor(userName) is { } code)
        {
            await page.GetByLabel("Authenticator or recovery code").FillAsync(code);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            // Say what the sign-in page said (a lockout, a wrong code) rather than only that it did not move on.
            var said = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"Still on {page.Url} after signing in as {userName}; the page says: {said}", e);
        }
        // A role may land on a page rendered without a live connection (a director's status page): nothing to wait for there.
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.live === 'true' || (document.readyState === 'complete' && !document.querySelector('script[src*=\"blazor.web\"]'))");
        return page;
    }

    /// <summary>Waits until an interactive page's circuit is up: a click before that can be lost.</summary>
    public static async Task WaitForLiveAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => document.documentElement.dataset.live === 'true'");

    /// <summary>axe-core as Deque's package bundles it.</summary>
    private static readonly string AxeScript = new BundledAxeScriptProvider().GetScript();

    /// <summary>
    /// The serious and critical accessibility violations axe-core finds on the page, with every rule axe runs by default.
    /// axe runs in the page and hands back only its violations as lines: Deque's RunAxe also carried every passing node's
    /// HTML to .NET and took 3 to 10 s a page where axe itself took half a second.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeScript);
        }
        await TitledAsync(page);
        var found = await RunAxeAsync(page);
        if (found.Any(v => v.StartsWith("document-title ", StringComparison.Ordinal)))
        {
            // Blazor's head outlet takes the title away for a moment while the live circuit renders the head again;
            // axe may run in that moment. A page that has no title keeps failing after a second look.
            await TitledAsync(page);
            found = await RunAxeAsync(page);
        }
        return found;
    }

    private static async Task TitledAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => document.title.trim().length > 0", null, new() { Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            // No title: axe says so.
        }
    }

    private static Task<string[]> RunAxeAsync(IPage page) => page.EvaluateAsync<string[]>("""
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.html).join(' | ')}`);
        }
        """);
}
