using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// Directory administration, on a desktop and on a phone: an admin creates a person with a cell phone (a bad number is
/// refused beside its field), makes them the second holder of a role and a member of a team, is refused removing a
/// service area's manager with the sentence that says what to do, and finds each change in the audit log.
/// </summary>
public sealed class DirectoryAdminPagesTests(Browser browser) : IClassFixture<Browser>
{
    [Theory, DatabaseData]
    public async Task DirectoryAdmin_CreatePersonAddToRoleAndTeam_ManagerRemovalRefusedInWords_AllAudited(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var api = server.AdminClient();
        foreach (var phone in new[] { false, true })
        {
            // Each pass changes a different demo role and team, so that the second holder is this pass's person.
            var (roleName, firstHolder, teamName) = phone ? ("IT Manager", "Dana Whitfield", "Network Team") : ("Help Desk Manager", "Morgan Hale", "Messaging Team");
            var name = TestData.Unique(phone ? "Phone Person" : "Desk Person");
            var cell = TestData.UniquePhone();
            // An account per sign-in: a second sign-in with the same authenticator code would be a replay.
            var me = await People.AccountAsync(server, null, LifelineRoles.Admin);
            var page = await browser.SignedInAsync(server, me, People.Password, phone, path: "/directory");
            await Browser.WaitForLiveAsync(page);

            // A new person: a number that is no phone number is refused beside its field, and nobody is created.
            await page.GetByRole(AriaRole.Link, new() { Name = "New person" }).ClickAsync();
            await page.WaitForURLAsync("**/directory/people/new");
            await Browser.WaitForLiveAsync(page);
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
            await page.GetByLabel("Title").FillAsync("On-call engineer");
            var cellField = page.GetByLabel("Cell phone");
            await cellField.FillAsync("12");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create person" }).ClickAsync();
            await Expect(page.Locator("#person-cell-error")).ToBeVisibleAsync();
            await Expect(page.Locator("#person-cell-error")).Not.ToBeEmptyAsync();
            await Expect(cellField).ToHaveAttributeAsync("aria-describedby", "person-cell-error");
            await Expect(cellField).ToHaveAttributeAsync("aria-invalid", "true");
            Assert.Equal(0, (await api.GetAsync($"/api/v1/people?q={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK)).Total());
            Assert.Empty(await Browser.SeriousViolationsAsync(page));
            await Screenshots.TakeAsync(page, phone ? "directory-person-error-phone" : "directory-person-error");

            await cellField.FillAsync(cell);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create person" }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/directory/people/[0-9a-f-]{36}\?created=true$"));
            await Expect(page.Locator("main p.done[role=status]")).ToHaveTextAsync($"Created {name}.");
            await Expect(page.Locator(".methods .method")).ToHaveCountAsync(1);
            await Expect(page.Locator(".methods .method-value")).ToHaveTextAsync(cell);
            var personId = Guid.Parse(new Uri(page.Url).Segments[^1]);
            await AssertFitsAsync(page, phone ? "directory-person-phone" : "directory-person");

            // The second holder of a role, in order.
            await page.GotoAsync("/directory/roles");
            await Browser.WaitForLiveAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = roleName, Exact = true }).ClickAsync();
            await Browser.WaitForLiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = roleName, Exact = true })).ToBeVisibleAsync();
            await page.GetByLabel("Add a holder").SelectOptionAsync(new SelectOptionValue { Label = $"{name} (On-call engineer)" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Add holder" }).ClickAsync();
            await Expect(page.Locator(".holder-list li")).ToHaveCountAsync(2);
            await Expect(page.Locator(".holder-list li").Nth(1)).ToContainTextAsync($"Backup 1: {name}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save role" }).ClickAsync();
            await Expect(page.Locator("main p.done[role=status]")).ToHaveTextAsync($"Saved {roleName}: {firstHolder}, {name}.");
            await AssertFitsAsync(page, phone ? "directory-role-phone" : "directory-role");

            // A member of a team.
            await page.GotoAsync("/directory/teams");
            await Browser.WaitForLiveAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = teamName, Exact = true }).ClickAsync();
            await Browser.WaitForLiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = teamName, Exact = true })).ToBeVisibleAsync();
            await page.GetByLabel("Add a member").SelectOptionAsync(new SelectOptionValue { Label = $"{name} (On-call engineer)" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save team" }).ClickAsync();
            await Expect(page.Locator("main p.done[role=status]")).ToContainTextAsync($"Saved {teamName}:");
            await Expect(page.Locator("main p.done[role=status]")).ToContainTextAsync(name);
            await AssertFitsAsync(page, phone ? "directory-team-phone" : "directory-team");

            // The manager of a service area cannot go; the page says why and what to do, and Leo Brandt stays.
            await page.GotoAsync("/directory");
            await Browser.WaitForLiveAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit Leo Brandt" }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/directory/people/[0-9a-f-]{36}$"));
            await Browser.WaitForLiveAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Remove Leo Brandt…" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove Leo Brandt" }).ClickAsync();
            await Expect(page.Locator(".danger-zone [role=alert]")).ToHaveTextAsync("Leo Brandt manages Enterprise Services; choose another manager first.");
            await AssertFitsAsync(page, phone ? "directory-refusal-phone" : "directory-refusal");
            Assert.Equal(1, (await api.GetAsync("/api/v1/people?q=Leo Brandt").ExpectAsync(HttpStatusCode.OK)).Total());

            // What the pages did is what the API sees, and the audit log has it under this admin's name.
            var person = await api.GetAsync($"/api/v1/people/{personId}").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(cell, person.GetProperty("contactMethods")[0].GetProperty("value").GetString());
            Assert.Contains(roleName, person.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Contains(teamName, person.GetProperty("teams").EnumerateArray().Select(t => t.GetString()));
            var role = (await api.GetAsync($"/api/v1/roles?q={Uri.EscapeDataString(roleName)}").ExpectAsync(HttpStatusCode.OK)).Items()
                .Single(r => r.GetProperty("name").GetString() == roleName);
            Assert.Equal([firstHolder, name], role.GetProperty("holders").EnumerateArray().OrderBy(h => h.GetProperty("position").GetInt32()).Select(h => h.GetProperty("name").GetString()));
            var audit = (await api.GetAsync($"/api/v1/audit-log?actor={me}&pageSize=100").ExpectAsync(HttpStatusCode.OK)).Items();
            Assert.Contains(audit, e => Is(e, "Person", "Created") && e.GetProperty("entityId").GetGuid() == personId);
            Assert.Contains(audit, e => Is(e, "ContactMethod", "Created"));
            Assert.Contains(audit, e => Is(e, "RoleHolder", "Created") && Mentions(e, personId));
            Assert.Contains(audit, e => Is(e, "TeamMember", "Created") && Mentions(e, personId));
            Assert.DoesNotContain(audit, e => e.GetProperty("action").GetString() == "Deleted" && e.GetProperty("entityType").GetString() == "Person");
            await page.Context.CloseAsync();
        }
    }

    private static bool Is(JsonElement entry, string entityType, string action) =>
        entry.GetProperty("entityType").GetString() == entityType && entry.GetProperty("action").GetString() == action;

    private static bool Mentions(JsonElement entry, Guid personId) =>
        entry.GetProperty("after").GetString()?.Contains(personId.ToString(), StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>No serious accessibility violation and no sideways scrolling, then a screenshot to look at.</summary>
    private static async Task AssertFitsAsync(IPage page, string name)
    {
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1, "wider than the screen");
        await Screenshots.TakeAsync(page, name);
    }
}
