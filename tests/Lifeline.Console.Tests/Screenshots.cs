using Microsoft.Playwright;

namespace Lifeline.Console.Tests;

/// <summary>Saves a screenshot when LIFELINE_SCREENSHOTS names a folder (how docs/screenshots is made); otherwise nothing.</summary>
public static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("LIFELINE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            System.IO.Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}
