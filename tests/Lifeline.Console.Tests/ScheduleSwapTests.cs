using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lifeline.Console.Tests;

/// <summary>
/// Swaps in the console: the person on call picks their shift on the timeline and asks the colleague; the colleague sees
/// the request on the same page and accepts (the schedule then shows the colleague on call) or declines (nothing changes).
/// </summary>
public sealed class ScheduleSwapTests(Browser browser) : IClassFixture<Browser>
{
    private sealed record Rotation(Guid Id, string OnCall, string Colleague);

    /// <summary>A weekly rotation of two demo people; who is on call now (the requester) and the other (the colleague).</summary>
    private static async Task<Rotation> RotationAsync(LifelineServer server, string name)
    {
        var admin = server.AdminClient();
        async Task<Guid> PersonAsync(string person) =>
            (await admin.GetAsync($"/api/v1/people?q={Uri.EscapeDataString(person)}").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        Guid[] pair = [await PersonAsync("Jamie Cole"), await PersonAsync("Riley Park")];
        var schedule = await admin.PostJson("/api/v1/schedules", new
        {
            name, timeZone = "America/New_York",
            layers = new[] { new { name = "Weekly", participants = pair, shiftCount = 1, shiftUnit = "Weeks", startDate = "2026-11-02", handOffTime = "08:00:00" } },
        }).ExpectAsync(HttpStatusCode.Created);
        var id = schedule.GetProperty("id").GetGuid();
        var onCall = (await admin.GetAsync($"/api/v1/schedules/{id}/on-call").ExpectAsync(HttpStatusCode.OK)).GetProperty("onCall")[0].GetProperty("name").GetString()!;
        return new Rotation(id, onCall, onCall == "Jamie Cole" ? "Riley Park" : "Jamie Cole");
    }

    [Theory, DatabaseData]
    public async Task Swap_RequestedOnTheTimelineAndAcceptedByTheColleague_ColleagueIsOnCall(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var rotation = await RotationAsync(server, "Swap rotation");

        // The requester is on a phone.
        var requester = await browser.SignedInAsync(server, await People.AccountAsync(server, rotation.OnCall, LifelineRoles.Responder), People.Password,
            phone: true, path: $"/schedules/{rotation.Id}");
        await Expect(requester.Locator("#on-call-now")).ToContainTextAsync(rotation.OnCall);
        // Picking the shift on call now fills the request's times in; the requester names the colleague.
        await requester.GetByRole(AriaRole.List, new() { Name = "Final line" }).GetByRole(AriaRole.Button).First.ClickAsync();
        await Expect(requester.Locator("#picked")).ToContainTextAsync(rotation.OnCall);
        Assert.NotEqual("", await requester.GetByLabel("Swap from (America/New_York)").InputValueAsync());
        await requester.GetByLabel("Colleague").SelectOptionAsync(new SelectOptionValue { Label = rotation.Colleague });
        await requester.GetByLabel("Note (optional)").FillAsync("Family wedding");
        await requester.GetByRole(AriaRole.Button, new() { Name = "Ask for a swap" }).ClickAsync();
        await Expect(requester.Locator("#swaps").GetByRole(AriaRole.Status)).ToContainTextAsync("Swap requested");
        await Expect(requester.Locator(".swap")).ToContainTextAsync("waiting for an answer");
        // Asked is not changed: the requester is still on call.
        await Expect(requester.Locator("#on-call-now")).ToContainTextAsync(rotation.OnCall);
        Assert.Empty(await Browser.SeriousViolationsAsync(requester));
        await Screenshots.TakeAsync(requester, "schedule-phone");

        var colleague = await browser.SignedInAsync(server, await People.AccountAsync(server, rotation.Colleague, LifelineRoles.Responder), People.Password,
            path: $"/schedules/{rotation.Id}");
        var request = colleague.Locator(".swap", new() { HasText = "Family wedding" });
        await Expect(request).ToContainTextAsync($"{rotation.OnCall} asks {rotation.Colleague}");
        await colleague.GetByRole(AriaRole.Button, new() { Name = $"Accept the swap from {rotation.OnCall}" }).ClickAsync();

        await Expect(colleague.Locator("#swaps").GetByRole(AriaRole.Status)).ToContainTextAsync("Swap accepted");
        await Expect(colleague.Locator("#on-call-now")).ToContainTextAsync(rotation.Colleague);
        await Expect(colleague.Locator("#on-call-now")).ToContainTextAsync($"instead of {rotation.OnCall}");
        // The requester's open page hears of it without a reload.
        await Expect(requester.Locator(".swap-status")).ToHaveTextAsync("accepted");
        await Expect(requester.Locator("#on-call-now")).ToContainTextAsync(rotation.Colleague);

        var stored = await server.AdminClient().GetAsync($"/api/v1/schedules/{rotation.Id}").ExpectAsync(HttpStatusCode.OK);
        var change = stored.GetProperty("overrides")[0];
        Assert.Equal(rotation.Colleague, change.GetProperty("personName").GetString());
        Assert.Equal(rotation.OnCall, change.GetProperty("replacesName").GetString());
    }

    [Theory, DatabaseData]
    public async Task Swap_DeclinedByTheColleague_ChangesNothing(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, kestrel: true);
        var rotation = await RotationAsync(server, "Declined rotation");
        var admin = server.AdminClient();
        var people = await admin.GetAsync($"/api/v1/schedules/{rotation.Id}").ExpectAsync(HttpStatusCode.OK);
        Guid IdOf(string name) => people.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        await admin.PostJson($"/api/v1/schedules/{rotation.Id}/swaps", new
        {
            requesterId = IdOf(rotation.OnCall), colleagueId = IdOf(rotation.Colleague), from = now.AddMinutes(-5), to = now.AddHours(2), note = "Dentist",
        }).ExpectAsync(HttpStatusCode.Created);

        var colleague = await browser.SignedInAsync(server, await People.AccountAsync(server, rotation.Colleague, LifelineRoles.Responder), People.Password,
            path: $"/schedules/{rotation.Id}");
        await Expect(colleague.Locator(".swap", new() { HasText = "Dentist" })).ToContainTextAsync("waiting for an answer");
        await colleague.GetByRole(AriaRole.Button, new() { Name = $"Decline the swap from {rotation.OnCall}" }).ClickAsync();

        await Expect(colleague.Locator("#swaps").GetByRole(AriaRole.Status)).ToContainTextAsync($"Swap declined: {rotation.OnCall} stays on call");
        await Expect(colleague.Locator(".swap-status")).ToHaveTextAsync("declined");
        await Expect(colleague.GetByRole(AriaRole.Button, new() { Name = $"Accept the swap from {rotation.OnCall}" })).ToHaveCountAsync(0);
        await Expect(colleague.Locator("#on-call-now")).ToContainTextAsync(rotation.OnCall);
        var stored = await admin.GetAsync($"/api/v1/schedules/{rotation.Id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, stored.GetProperty("overrides").GetArrayLength());
        var onCall = await admin.GetAsync($"/api/v1/schedules/{rotation.Id}/on-call").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(rotation.OnCall, onCall.GetProperty("onCall")[0].GetProperty("name").GetString());
    }
}
