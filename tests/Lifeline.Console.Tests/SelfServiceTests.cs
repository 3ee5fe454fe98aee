using System.Text.RegularExpressions;
using Lifeline.Access;
using Lifeline.StandIns;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// Issue 13, part 1, through the browser: Incident Manager 1 adds his own cell phone, verifies it with the code the
/// Twilio stand-in received, records an absence with a stand-in; then a Severity 1 pages the stand-in instead of him.
/// The "My details" pages have no serious axe violation and no sideways scrolling, on a desktop and on a phone.
/// </summary>
public sealed class SelfServiceTests(Browser browser) : IClassFixture<Browser>
{
    private const string NewCell = "+18605550166";
    private const string HenrysCell = "+18605550106";
    private const string ChrisCell = "+18605550119";

    [Theory, DatabaseData]
    public async Task Person_AddsVerifiesCellAndRecordsAbsence_SeverityOnePagesTheStandIn(DatabaseProvider provider)
    {
        await using var twilio = await TwilioStandIn.StartAsync();
        await using var server = await LifelineServer.StartAsync(provider, settings: twilio.Settings(), kestrel: true);
        // Henry Castillo holds Incident Manager 1 (tier 1 of the E-mail service's policy); his account is a plain responder.
        var henry = await browser.SignedInAsync(server, await People.AccountAsync(server, "Henry Castillo", LifelineRoles.Responder), People.Password);

        // "My details" is beside the account name, not another menu entry.
        await henry.GetByRole(AriaRole.Link, new() { Name = "My details" }).ClickAsync();
        await henry.WaitForURLAsync(new Regex("/me/contact-methods$"));
        await Browser.WaitForLiveAsync(henry);
        await Expect(henry.Locator("ol.methods")).ToContainTextAsync("+18605550106");

        // Bad input: the message is beside the field.
        await henry.GetByLabel("Kind").SelectOptionAsync("CellPhone");
        await henry.GetByLabel("Phone number").FillAsync("not a number");
        await henry.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(henry.Locator("#add-value-error")).ToBeVisibleAsync();

        await henry.GetByLabel("Phone number").FillAsync("(860) 555-0166");
        await henry.GetByLabel("Label (optional)").FillAsync("personal");
        await henry.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        var added = henry.Locator("li.method", new() { HasText = NewCell });
        await Expect(added).ToContainTextAsync("not verified");
        await Expect(henry.Locator(".done")).ToContainTextAsync("Added your cell phone");

        // Verify: the code arrives by SMS at the Twilio stand-in; a wrong code first is refused beside the field.
        await added.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        var code = await CodeSentToAsync(twilio, NewCell);
        await henry.GetByLabel("Code you received").FillAsync(code == "000000" ? "000001" : "000000");
        await henry.GetByRole(AriaRole.Button, new() { Name = "Confirm code" }).ClickAsync();
        await Expect(henry.Locator("#verify-code-error")).ToContainTextAsync("tries left");
        await henry.GetByLabel("Code you received").FillAsync(code);
        await henry.GetByRole(AriaRole.Button, new() { Name = "Confirm code" }).ClickAsync();
        await Expect(henry.Locator("li.method", new() { HasText = NewCell })).ToContainTextAsync("verified");
        await Expect(henry.Locator("li.method", new() { HasText = NewCell })).Not.ToContainTextAsync("not verified");
        await Screenshots.TakeAsync(henry, "me-contact-methods");

        // An absence from now for two days, with Chris Adeyemi standing in.
        await henry.GetByRole(AriaRole.Link, new() { Name = "My availability" }).ClickAsync();
        await henry.WaitForURLAsync(new Regex("/me/availability$"));
        await Browser.WaitForLiveAsync(henry);
        // The form reads times in the browser's zone (the test browser's is Europe/Berlin), and says so.
        await Expect(henry.GetByText("From (Europe/Berlin)")).ToBeVisibleAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var from = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(-5), zone);
        await henry.GetByLabel("From").FillAsync(from.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await henry.GetByLabel("To").FillAsync(from.AddDays(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await henry.GetByLabel("Stand-in").SelectOptionAsync(new SelectOptionValue { Label = "Chris Adeyemi — Messaging Engineer" });
        await henry.GetByLabel("Reason (optional)").FillAsync("training course");
        await henry.GetByRole(AriaRole.Button, new() { Name = "Record absence" }).ClickAsync();
        await Expect(henry.Locator("ul.absences")).ToContainTextAsync("stand-in: Chris Adeyemi");
        await Expect(henry.Locator("main")).ToContainTextAsync("You are away now.");
        await Screenshots.TakeAsync(henry, "me-availability");

        // The new pages, with content, on a desktop and on a phone.
        var problems = new List<string>();
        foreach (var page in new[] { henry, await browser.SignedInAsync(server, (await People.AccountAsync(server, "Henry Castillo", LifelineRoles.Responder)), People.Password, phone: true) })
        {
            foreach (var path in new[] { "/me/contact-methods", "/me/availability" })
            {
                await page.GotoAsync(path);
                await Browser.WaitForLiveAsync(page);
                await Expect(page.Locator("main h2")).ToBeVisibleAsync();
                problems.AddRange((await Browser.SeriousViolationsAsync(page)).Select(v => $"{path}: {v}"));
                if (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") is > 1 and var overflow)
                {
                    problems.Add($"{path}: {overflow} px wider than the screen");
                }
                await Screenshots.TakeAsync(page, $"{path.Trim('/').Replace('/', '-')}-{(page == henry ? "desktop" : "phone")}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // A Severity 1 on E-mail: tier 1 is Incident Manager 1, away, so his stand-in is paged instead.
        twilio.Accepted.Clear();
        var number = await AccessibilityTests.OpenIncidentAsync(server);
        await WaitForAsync(() => twilio.Accepted.Any(r => r.To == ChrisCell), $"a page to the stand-in for {number}");
        Assert.DoesNotContain(twilio.Accepted, r => r.To is HenrysCell or NewCell);
        using var api = server.AdminClient();
        var timeline = await api.GetStringAsync($"/api/v1/incidents/{number}/timeline");
        Assert.Contains("Chris Adeyemi", timeline, StringComparison.Ordinal);
    }

    /// <summary>The six digits of the verification SMS the Twilio stand-in received for this number.</summary>
    private static async Task<string> CodeSentToAsync(TwilioStandIn twilio, string to)
    {
        string? code = null;
        await WaitForAsync(() =>
        {
            code = twilio.Accepted.Where(r => r.To == to && r.Body is not null).Select(r => Regex.Match(r.Body!, @"\b(\d{6})\b")).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            return code is not null;
        }, $"a verification code at {to}");
        return code!;
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}.");
    }
}
