using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// The seed's Severity 1 path through the browser, by four people in browsers of their own, each seeing the others'
/// changes appear without reloading: the technician opens, the incident manager acknowledges, names a team and posts
/// an update, a responder acknowledges for the team, the incident manager resolves and the technician closes.
/// </summary>
public sealed class SeverityOnePathTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task SeverityOne_FourPeopleInTheirBrowsers_EachSeesTheOthersLive(DatabaseProvider provider)
    {
        var logs = new LogCollector();
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true, logs: logs);
        try
        {
            await RunAsync(server);
        }
        catch
        {
            File.WriteAllLines("/tmp/console-test.log", logs.Messages.Where(m => !m.Contains("Debug", StringComparison.Ordinal)));
            throw;
        }
    }

    /// <summary>The survey link of the invitation e-mail, which the server wrote to its outbox (no SMTP server in this test).</summary>
    private static async Task<string> SurveyPathAsync(LifelineServer server)
    {
        var outbox = Path.Combine(server.DataDirectory, "outbox");
        for (var i = 0; i < 100; i++)
        {
            foreach (var file in System.IO.Directory.Exists(outbox) ? System.IO.Directory.GetFiles(outbox, "*.eml") : [])
            {
                var text = await File.ReadAllTextAsync(file);
                if (System.Text.RegularExpressions.Regex.Match(text.Replace("=\r\n", "", StringComparison.Ordinal), "/survey/[A-Za-z0-9_-]+") is { Success: true } link)
                {
                    return link.Value;
                }
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"No survey invitation in {outbox}.");
    }

    private async Task RunAsync(LifelineServer server)
    {
        var technician = await browser.SignedInAsync(server, await People.AccountAsync(server, "Jamie Cole", LifelineRoles.Level1Technician), People.Password);
        var manager = await browser.SignedInAsync(server, await People.AccountAsync(server, "Henry Castillo", LifelineRoles.IncidentManager), People.Password);
        var responder = await browser.SignedInAsync(server, await People.AccountAsync(server, "Chris Adeyemi", LifelineRoles.Responder), People.Password, phone: true);
        var director = await browser.SignedInAsync(server, await People.AccountAsync(server, "Grace Okafor", LifelineRoles.Stakeholder), People.Password);

        // Each lands on the page of their role.
        Assert.EndsWith("/desk", technician.Url, StringComparison.Ordinal);
        Assert.EndsWith("/board", manager.Url, StringComparison.Ordinal);
        Assert.EndsWith("/my-pages", responder.Url, StringComparison.Ordinal);
        Assert.EndsWith("/status-page", director.Url, StringComparison.Ordinal);
        // The director also keeps the live board open.
        await director.GotoAsync("/board");
        await Browser.WaitForLiveAsync(director);

        // The technician fills the form; the classification aid proposes Severity 1 as the fields change.
        await technician.GetByRole(AriaRole.Combobox, new() { Name = "Service" }).FillAsync("E-ma");
        await technician.GetByRole(AriaRole.Option, new() { Name = "E-mail" }).ClickAsync();
        await technician.GetByLabel("Most or all users").CheckAsync();
        await technician.GetByLabel("Down").CheckAsync();
        await Expect(technician.Locator("#proposed-severity")).ToContainTextAsync("Sev 1");
        await technician.GetByLabel("Title").FillAsync("E-mail is down for everyone");
        await technician.GetByLabel("Reporter", new() { Exact = true }).FillAsync("Pat Doe");
        await technician.GetByLabel("Reporter's phone or e-mail").FillAsync("pat.doe@example.org");
        await Screenshots.TakeAsync(technician, "open-incident");
        await technician.GetByRole(AriaRole.Button, new() { Name = "Open the incident" }).ClickAsync();
        await technician.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/incidents/INC-[0-9-]+$"));
        var number = technician.Url.Split('/')[^1];

        // The incident manager's open board shows it without a reload (LiveUpdateTests measures how fast).
        var row = manager.Locator($"tr[data-incident='{number}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Escalating");
        await Expect(row).ToContainTextAsync("Henry Castillo");
        await Screenshots.TakeAsync(manager, "board");
        await Expect(director.Locator($"tr[data-incident='{number}']")).ToBeVisibleAsync();

        // The incident manager acknowledges; the technician's incident page changes live.
        await manager.Locator($"tr[data-incident='{number}'] a").ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true }).ClickAsync();
        await Expect(technician.Locator("#incident-status")).ToHaveTextAsync("Acknowledged");
        await Expect(technician.Locator("#incident-manager")).ToHaveTextAsync("Henry Castillo");

        // ... names the Messaging Team, previews and posts a status update.
        await manager.GetByLabel("Messaging Team").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Name these teams" }).ClickAsync();
        await Expect(manager.Locator("li[data-run='Messaging Team']")).ToContainTextAsync("paging");
        await manager.GetByLabel("What is happening").FillAsync("Failover to the standby mail store is in progress.");
        await manager.GetByLabel("Isolated to (optional)").FillAsync("the primary mail store");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Preview e-mail" }).ClickAsync();
        await Expect(manager.Locator(".preview")).ToContainTextAsync("have isolated the issue to the primary mail store");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Post update" }).ClickAsync();
        await Expect(technician.Locator("#timeline")).ToContainTextAsync("Failover to the standby mail store is in progress.");
        await Screenshots.TakeAsync(manager, "incident");

        // The responder (on a phone) sees the page for their team, and acknowledges for it.
        var mine = responder.Locator($"tr[data-incident='{number}']");
        await Expect(mine).ToBeVisibleAsync();
        await mine.Locator("a").ClickAsync();
        await Expect(responder.Locator("#bridge-dial")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^tel:\\+?\\d+,,\\d+#$"));
        await responder.GetByRole(AriaRole.Button, new() { Name = "Acknowledge for Messaging Team" }).ClickAsync();
        await Expect(manager.Locator("li[data-run='Messaging Team']")).ToContainTextAsync("acknowledged by");
        await Screenshots.TakeAsync(responder, "incident-phone");

        // The director reads the same incident and cannot act on it.
        await director.GotoAsync($"/incidents/{number}");
        await Browser.WaitForLiveAsync(director);
        await Expect(director.Locator("#timeline")).ToContainTextAsync("Failover");
        Assert.Equal(0, await director.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).CountAsync());
        // ... but confirms the task the procedure gives her: call the CIO and DCIO.
        await director.GetByRole(AriaRole.Button, new() { Name = "Confirm done" }).ClickAsync();
        await Expect(manager.Locator("ul.tasks li", new() { HasText = "Please call the CIO" })).ToContainTextAsync(" · done ");

        // The incident manager resolves; the technician closes the ticket.
        await manager.GetByLabel("Resolution summary").FillAsync("Mail store failed over to the standby.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(technician.Locator("#incident-status")).ToHaveTextAsync("Resolved");
        await technician.GetByRole(AriaRole.Button, new() { Name = "Close the ticket and send the survey" }).ClickAsync();
        await Expect(technician.Locator("#incident-status")).ToHaveTextAsync("Closed");
        await Expect(manager.Locator("#incident-status")).ToHaveTextAsync("Closed");

        // The customer (no account) follows the invitation's link, answers, and the help desk sees the answer live.
        var survey = await SurveyPathAsync(server);
        var customer = await browser.NewPageAsync(server, phone: true);
        await customer.GotoAsync(survey);
        await Expect(customer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(customer.Locator("main")).ToContainTextAsync(number);
        Assert.Empty(await Browser.SeriousViolationsAsync(customer));
        await customer.GetByLabel("5", new() { Exact = false }).First.CheckAsync();
        await customer.GetByLabel("Comment (optional)").FillAsync("Quick and clear, thank you.");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Expect(customer.Locator("main")).ToContainTextAsync("you rated how it was handled 5 out of 5");
        await Screenshots.TakeAsync(customer, "survey-answered");
        await Expect(technician.Locator("main")).ToContainTextAsync("rated 5/5");
    }
}
