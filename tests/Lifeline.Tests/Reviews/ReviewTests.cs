using System.Net;
using Lifeline.Incidents;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Reviews;

/// <summary>Post-incident reviews: written after resolution, excerpts picked from the timeline, actions listed until done, Markdown export.</summary>
public sealed class ReviewTests
{
    private static async Task<(EngineHarness H, string Number)> ResolvedAsync(DatabaseProvider provider)
    {
        var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        await h.AcknowledgeAsync(number);
        h.Time.Advance(TimeSpan.FromMinutes(40));
        await h.Admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "was a full mail queue; it was emptied" }).ExpectAsync(HttpStatusCode.OK);
        return (h, number);
    }

    private static object Review(IEnumerable<Guid> excerpts, params object[] actions) => new
    {
        summary = "Mail stopped for 40 minutes.\nThe queue filled up.",
        impact = "Everyone: no mail in or out.",
        causes = "The queue disk had no alert.",
        timelineEntryIds = excerpts,
        actions,
    };

    [Theory, DatabaseData]
    public async Task Review_AfterResolution_ExcerptsAndActions_OpenUntilDone_AndMarkdown(DatabaseProvider provider)
    {
        var (h, number) = await ResolvedAsync(provider);
        await using var _ = h;
        var henry = await h.IdOfAsync("/api/v1/people", "Henry Castillo");
        var aisha = await h.IdOfAsync("/api/v1/people", "Aisha Karim");
        var timeline = await h.TimelineAsync(number);
        var opened = timeline.First(e => e.Kind == TimelineKinds.Opened);
        var resolved = timeline.First(e => e.Kind == TimelineKinds.Resolved);

        var written = await h.Admin.PutJson($"/api/v1/incidents/{number}/review", Review([resolved.Id, opened.Id],
            new { text = "Alert on the queue disk", ownerId = henry, dueOn = "2026-12-01" },
            new { text = "Document emptying the queue", ownerId = aisha, dueOn = "2026-11-20" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([opened.Id, resolved.Id], written.GetProperty("excerpts").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        var open = await h.Admin.GetAsync("/api/v1/review-actions").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["Document emptying the queue", "Alert on the queue disk"], open.EnumerateArray().Select(a => a.GetProperty("text").GetString()));
        var first = open[0];
        Assert.Equal("Aisha Karim", first.GetProperty("ownerName").GetString());
        Assert.True(first.GetProperty("overdue").GetBoolean());   // due 20 November; the clock says 24 November
        Assert.False(open[1].GetProperty("overdue").GetBoolean());
        Assert.Equal(number, first.GetProperty("incidentNumber").GetString());

        var actionId = first.GetProperty("id").GetGuid();
        await h.Admin.PostAsync($"/api/v1/review-actions/{actionId}/done", null).ExpectAsync(HttpStatusCode.OK);
        await h.Admin.PostAsync($"/api/v1/review-actions/{actionId}/done", null).ExpectProblemAsync(HttpStatusCode.Conflict);
        var left = await h.Admin.GetAsync("/api/v1/review-actions").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Alert on the queue disk", Assert.Single(left.EnumerateArray()).GetProperty("text").GetString());

        // Revised: the open action kept by id and changed, a new one added; the done one stays done.
        var henrysAction = left[0].GetProperty("id").GetGuid();
        var revised = await h.Admin.PutJson($"/api/v1/incidents/{number}/review", Review([opened.Id],
            new { id = henrysAction, text = "Alert on the queue disk at 80%", ownerId = henry, dueOn = "2026-12-02" },
            new { text = "Review mail monitoring", ownerId = henry, dueOn = "2026-12-15" })).ExpectAsync(HttpStatusCode.OK);
        var actions = revised.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(3, actions.Count);
        Assert.Contains(actions, a => a.GetProperty("id").GetGuid() == actionId && !a.GetProperty("open").GetBoolean());
        Assert.Contains(actions, a => a.GetProperty("id").GetGuid() == henrysAction && a.GetProperty("text").GetString() == "Alert on the queue disk at 80%");

        var markdown = await h.Admin.GetStringAsync($"/api/v1/incidents/{number}/review?format=markdown");
        Assert.StartsWith($"# Post-incident review: {number.Replace("-", @"\-", StringComparison.Ordinal)} — E\\-mail is down for everyone", markdown);
        Assert.Contains("## Summary\n\nMail stopped for 40 minutes\\.\nThe queue filled up\\.\n", markdown);
        Assert.Contains($"- **{opened.OccurredAt:yyyy-MM-dd HH:mm:ss} UTC**", markdown);
        Assert.Contains("| Document emptying the queue | Aisha Karim | 2026-11-20 | done 2026-11-24", markdown);
        Assert.Contains("| Alert on the queue disk at 80% | Henry Castillo | 2026-12-02 | open |", markdown);
        Assert.Contains(await h.TimelineAsync(number), e => e.Kind == "ReviewActionDone");
    }

    [Theory, DatabaseData]
    public async Task Review_BadInputOrNotResolved_ProblemBesideTheFieldAndNothingSaved(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var open = await h.OpenAsync();
        var (other, _) = (await h.OpenAsync(title: "Another one"), 0);
        var henry = await h.IdOfAsync("/api/v1/people", "Henry Castillo");
        var foreign = (await h.TimelineAsync(other))[0].Id;

        await h.Admin.PutJson($"/api/v1/incidents/{open}/review", Review([], new { text = "x", ownerId = henry, dueOn = "2026-12-01" }))
            .ExpectProblemAsync(HttpStatusCode.Conflict);
        await h.AcknowledgeAsync(open);
        await h.Admin.PostJson($"/api/v1/incidents/{open}/resolve", new { summary = "fixed" }).ExpectAsync(HttpStatusCode.OK);
        var bad = await h.Admin.PutJson($"/api/v1/incidents/{open}/review", new
        {
            summary = "",
            impact = "some",
            timelineEntryIds = new[] { foreign },
            actions = new object[] { new { text = "x", ownerId = Guid.NewGuid(), dueOn = "2026-12-01" }, new { text = "y", ownerId = henry } },
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        foreach (var field in new[] { "summary", "timelineEntryIds", "actions[0].ownerId", "actions[1].dueOn" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        await h.Admin.GetAsync($"/api/v1/incidents/{open}/review").ExpectProblemAsync(HttpStatusCode.NotFound);
        await h.Admin.GetAsync($"/api/v1/incidents/{open}/review?format=pdf").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty((await h.Admin.GetAsync("/api/v1/review-actions").ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
    }
}
