using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Templates;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// An administrator edits a message template, is refused a typo with its line beside the field (nothing stored), sees the
/// fixed draft rendered against the sample and a real incident, saves it, resets it to the default; changes a severity's
/// definition; moves a classification rule and tries the rules; finds each of those changes in the audit log; and the
/// pages pass axe and fit a phone.
/// </summary>
public sealed class TemplatesAndSeverityPagesTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task TemplatesSeveritiesRules_AdminEdits_TypoRefusedWithItsLine_EveryChangeAudited(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var api = server.AdminClient();
        var services = await api.GetAsync("/api/v1/services?q=Citrix&pageSize=200").ExpectAsync(HttpStatusCode.OK);
        var citrix = services.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Citrix").GetProperty("id").GetGuid();
        var incident = await api.PostJson("/api/v1/incidents", new
        {
            title = "Citrix sessions drop",
            serviceId = citrix,
            severity = 2,
            reporterName = "Pat Doe",
            reporterContact = "pat.doe@example.org",
        }).ExpectAsync(HttpStatusCode.Created);
        var number = incident.GetProperty("number").GetString()!;
        var shipped = DefaultTemplates.All.Single(d => d.Key == TemplateKeys.TestMessage);
        var me = await People.AccountAsync(server, null, LifelineRoles.Admin);

        var page = await browser.SignedInAsync(server, me, People.Password, path: "/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Message templates" }).First.ClickAsync();
        await page.WaitForURLAsync("**/admin/templates");
        // Live before the next click: a link followed while the list is still the prerendered page is an enhanced
        // navigation, whose page update can wipe the live mark the starting circuit has just set.
        await Browser.WaitForLiveAsync(page);
        var row = page.Locator($"li[data-template='{TemplateKeys.TestMessage}']");
        await Expect(row.Locator(".tag")).ToHaveTextAsync("Default");
        await row.GetByRole(AriaRole.Link, new() { Name = TemplateKeys.TestMessage }).ClickAsync();
        await page.WaitForURLAsync($"**/admin/templates/{TemplateKeys.TestMessage}");
        await Browser.WaitForLiveAsync(page);
        var text = page.GetByLabel("Text (e-mail and chat)");
        await Expect(text).ToHaveValueAsync(shipped.TextBody);

        // An {% if %} opened on line 3 and never closed: refused beside the field with its line, and nothing is stored.
        await text.FillAsync("Hello {{ recipient.name }}.\n\n{% if incident.is_drill %}\nThis is a drill.\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.Locator("#template-text-error")).ToContainTextAsync("line 3:");
        await Expect(text).ToHaveAttributeAsync("aria-describedby", "template-text-error");
        await Expect(page.Locator("form .error")).ToContainTextAsync("Please correct the fields marked below.");
        Assert.Equal(shipped.TextBody, (await TemplateAsync(api)).GetProperty("textBody").GetString());

        // Fixed: the live preview renders the draft against the sample incident, then against a real one; saved.
        await text.FillAsync("Hello {{ recipient.name }}, this checks {{ incident.number }}.\n{% if incident.is_drill %}This is a drill.{% endif %}\n");
        await Expect(page.Locator("#template-text-error")).ToHaveCountAsync(0);
        await Expect(page.Locator("#preview-text")).ToContainTextAsync($"Hello {TemplateModel.Sample().Recipient.Name}, this checks {TemplateModel.Sample().Incident.Number}.");
        await page.GetByLabel("Incident number (empty: a sample incident)").FillAsync(number);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();
        await Expect(page.Locator("#preview-text")).ToContainTextAsync($", this checks {number}.");
        await Expect(page.Locator("#preview-output")).ToContainTextAsync($"Rendered against {number}");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "admin-template-editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved" })).ToHaveTextAsync("Saved: the next message uses this text.");
        var saved = await TemplateAsync(api);
        Assert.StartsWith("Hello {{ recipient.name }}, this checks", saved.GetProperty("textBody").GetString(), StringComparison.Ordinal);
        Assert.False(saved.GetProperty("isDefault").GetBoolean());

        // Reset to the default, after a confirmation.
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset to the default…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, reset" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reset" })).ToHaveTextAsync("Reset: the template is the default text again.");
        await Expect(text).ToHaveValueAsync(shipped.TextBody);
        Assert.True((await TemplateAsync(api)).GetProperty("isDefault").GetBoolean());

        // A severity's definition: an empty one is refused beside the field, a new one saved.
        await page.GotoAsync("/admin/severities");
        await Browser.WaitForLiveAsync(page);
        var definition = page.Locator("#sev-2-definition");
        await definition.FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save severity 2" }).ClickAsync();
        await Expect(page.Locator("#sev-2-definition-error")).ToBeVisibleAsync();
        const string NewDefinition = "Problem affecting a small user group or one site. Alternate bypass may be available.";
        await definition.FillAsync(NewDefinition);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save severity 2" }).ClickAsync();
        await Expect(page.Locator("form[data-level='2'] [role=status]")).ToHaveTextAsync("Severity 2 saved.");
        Assert.Equal(NewDefinition, (await api.GetAsync("/api/v1/severities/2").ExpectAsync(HttpStatusCode.OK)).GetProperty("definition").GetString());
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "admin-severities");

        // Classification: try it, move "Single user" above "Limited set of users", try again: the other rule matches now.
        await page.GotoAsync("/admin/classification-rules");
        await Browser.WaitForLiveAsync(page);
        await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Internet Filtering" });
        await page.GetByLabel("Who is affected").SelectOptionAsync(new SelectOptionValue { Label = "A small group of users" });
        await page.Locator("#try-state").SelectOptionAsync(new SelectOptionValue { Label = "Degraded" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose a severity" }).ClickAsync();
        await Expect(page.Locator("#try-result")).ToContainTextAsync("Severity 2 (Medium)");
        await Expect(page.Locator("#try-result")).ToContainTextAsync("Rule matched: Limited set of users.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move up Single user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Moved" })).ToHaveTextAsync("Moved Single user up.");
        await Expect(page.Locator("ol.rule-list > li").Nth(5)).ToHaveAttributeAsync("data-rule", "Single user");
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose a severity" }).ClickAsync();
        await Expect(page.Locator("#try-result")).ToContainTextAsync("Severity 3 (Low)");
        await Expect(page.Locator("#try-result")).ToContainTextAsync("Rule matched: Single user.");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "admin-classification-rules");

        // Every change, and only the changes, in the audit log under this administrator.
        var audit = (await api.GetAsync($"/api/v1/audit-log?actor={me}&pageSize=100").ExpectAsync(HttpStatusCode.OK)).Items();
        Assert.Equal(2, audit.Count(e => e.GetProperty("entityType").GetString() == "MessageTemplate" && e.GetProperty("action").GetString() == "Updated"));
        Assert.Equal(1, audit.Count(e => e.GetProperty("entityType").GetString() == "SeverityLevel" && e.GetProperty("action").GetString() == "Updated"));
        Assert.Equal(2, audit.Count(e => e.GetProperty("entityType").GetString() == "ClassificationRule" && e.GetProperty("action").GetString() == "Updated"));
        await page.GotoAsync($"/admin/audit-log?actor={me}");
        var entries = page.Locator("table.log tbody tr");
        await Expect(entries.Filter(new() { HasText = "MessageTemplate" })).ToHaveCountAsync(2);
        await Expect(entries.Filter(new() { HasText = "SeverityLevel" })).ToHaveCountAsync(1);

        // On a phone: the same pages, no sideways scrolling, no serious axe violation.
        var phone = await browser.SignedInAsync(server, me, People.Password, phone: true, path: "/admin");
        foreach (var (path, heading) in new[] { ("/admin/templates", "Message templates"), ($"/admin/templates/{TemplateKeys.TestMessage}", $"Template {TemplateKeys.TestMessage}"),
            ("/admin/severities", "Severity catalogue"), ("/admin/classification-rules", "Classification rules") })
        {
            await phone.GotoAsync(path);
            await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            // The title is the head outlet's: between the prerendered page and the live one it may be briefly empty.
            await Browser.WaitForLiveAsync(phone);
            await Expect(phone).ToHaveTitleAsync(new Regex("· Lifeline$"));
            Assert.Empty(await Browser.SeriousViolationsAsync(phone));
            Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, $"{path} is wider than the screen");
            await Screenshots.TakeAsync(phone, $"admin{path.Replace('/', '-')}-phone");
        }
    }

    private static async Task<JsonElement> TemplateAsync(HttpClient api) =>
        await api.GetAsync($"/api/v1/templates/{TemplateKeys.TestMessage}").ExpectAsync(HttpStatusCode.OK);
}
