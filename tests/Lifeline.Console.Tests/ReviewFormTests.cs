using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>The post-incident review form at /incidents/{n}/review: the review service's rules beside the fields, then the review as the API gives it.</summary>
public sealed class ReviewFormTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task ReviewForm_IncidentManager_ErrorsBesideTheFieldsThenWritesTheReviewWithAnExcerptAndAnAction(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var number = await AccessibilityTests.OpenIncidentAsync(server);
        var admin = server.AdminClient();
        var henry = (await admin.GetAsync("/api/v1/people?q=Henry%20Castillo").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        await admin.PostJson($"/api/v1/incidents/{number}/acknowledge", new { personId = henry, channel = "phone" }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostJson($"/api/v1/incidents/{number}/status-updates", new { text = "Mail gateway restarted." }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Gateway disk freed." }).ExpectAsync(HttpStatusCode.OK);

        var page = await browser.SignedInAsync(server, await People.AccountAsync(server, "Henry Castillo", LifelineRoles.IncidentManager), People.Password,
            phone: true, path: $"/incidents/{number}/review");
        await Browser.WaitForLiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Write the review" })).ToBeVisibleAsync();

        // An action without an owner or a due date, and no summary: each message beside its field, nothing stored.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an action" }).ClickAsync();
        await page.FillAsync("#action-text-0", "Alert on gateway disk space");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the review" }).ClickAsync();
        await Expect(page.Locator("#review-summary-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#review-impact-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#action-owner-0-error")).ToContainTextAsync("owner");
        await Expect(page.Locator("#action-due-0-error")).ToContainTextAsync("due date");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "review-form-errors-phone");
        await admin.GetAsync($"/api/v1/incidents/{number}/review").ExpectProblemAsync(HttpStatusCode.NotFound);

        await page.FillAsync("#review-summary", "The mail gateway's disk filled up and it stopped accepting mail.");
        await page.FillAsync("#review-impact", "No inbound e-mail for 40 minutes.");
        await page.FillAsync("#review-causes", "Log rotation was off after an upgrade.");
        await page.Locator(".review-excerpts li", new() { HasText = "Mail gateway restarted." }).Locator("input[type=checkbox]").CheckAsync();
        await page.SelectOptionAsync("#action-owner-0", new SelectOptionValue { Label = "Henry Castillo" });
        await page.FillAsync("#action-due-0", "2099-02-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the review" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The review is saved.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Post-incident review: {number}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revise the review" })).ToBeVisibleAsync();
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Mail gateway restarted.");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, "wider than the phone");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Screenshots.TakeAsync(page, "review-form-phone");

        var review = await admin.GetAsync($"/api/v1/incidents/{number}/review").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("The mail gateway's disk filled up and it stopped accepting mail.", review.GetProperty("summary").GetString());
        Assert.Equal("Log rotation was off after an upgrade.", review.GetProperty("causes").GetString());
        Assert.Contains("Mail gateway restarted.", Assert.Single(review.GetProperty("excerpts").EnumerateArray()).GetProperty("text").GetString(), StringComparison.Ordinal);
        var action = Assert.Single(review.GetProperty("actions").EnumerateArray());
        Assert.Equal("Alert on gateway disk space", action.GetProperty("text").GetString());
        Assert.Equal(henry, action.GetProperty("ownerId").GetGuid());
        Assert.Equal("2099-02-01", action.GetProperty("dueOn").GetString());

        // A viewer reads the review and gets no form.
        var viewer = await browser.SignedInAsync(server, await People.AccountAsync(server, null, LifelineRoles.Viewer), People.Password, path: $"/incidents/{number}/review");
        await Expect(viewer.GetByRole(AriaRole.Heading, new() { Name = $"Post-incident review: {number}" })).ToBeVisibleAsync();
        await Expect(viewer.Locator(".review-form")).ToHaveCountAsync(0);
    }
}
