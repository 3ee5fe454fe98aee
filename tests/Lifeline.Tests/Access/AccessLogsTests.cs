using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Access;

/// <summary>
/// The audit log and the contact access log with filters (who, what, whose, when) and their CSV export, and account
/// administration through the service the console uses: the same rules and the same audit as the API.
/// </summary>
public sealed class AccessLogsTests
{
    [Theory, DatabaseData]
    public async Task AuditLog_FilteredByWhoWhatAndWhen_CsvCarriesExactlyTheSameEntries(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time, seedDemoData: false);
        var admin = server.AdminClient();
        var mine = await server.ClientAsAsync(LifelineRoles.Admin);
        var me = (await mine.GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK)).GetProperty("userName").GetString()!;

        // Day 1: two people made by "me", one by the bootstrap token. Day 2: one more by "me".
        await mine.PostJson("/api/v1/people", new { name = "Avery Day One" }).ExpectAsync(HttpStatusCode.Created);
        await mine.PostJson("/api/v1/people", new { name = "Blake Day One" }).ExpectAsync(HttpStatusCode.Created);
        await admin.PostJson("/api/v1/people", new { name = "Casey By Bootstrap" }).ExpectAsync(HttpStatusCode.Created);
        time.Advance(TimeSpan.FromDays(1));
        await mine.PostJson("/api/v1/people", new { name = "Devon Day Two" }).ExpectAsync(HttpStatusCode.Created);

        var byMe = await admin.GetAsync($"/api/v1/audit-log?actor={me}&entityType=Person").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, byMe.GetProperty("total").GetInt32());
        Assert.All(byMe.Items(), e => Assert.Equal(me, e.GetProperty("actor").GetString()));

        var dayOne = await admin.GetAsync($"/api/v1/audit-log?actor={me}&entityType=Person&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, dayOne.GetProperty("total").GetInt32());
        Assert.All(dayOne.Items(), e => Assert.Contains("Day One", e.GetProperty("after").GetString(), StringComparison.Ordinal));

        using var csv = await admin.GetAsync($"/api/v1/audit-log?actor={me}&entityType=Person&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("at,actor,entityType,entityId,action,before,after", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.All(lines[1..], l => Assert.StartsWith($"2026-05-04T09:00:00Z,{me},Person,", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Avery Day One", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Blake Day One", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task AccessLog_FilteredByWhoseDetails_CsvNamesThePerson(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var admin = server.AdminClient();
        var watched = await admin.PostJson("/api/v1/people", new { name = "Morgan Watched", contactMethods = new[] { new { kind = "Email", value = "morgan.watched@example.org" } } })
            .ExpectAsync(HttpStatusCode.Created);
        await admin.PostJson("/api/v1/people", new { name = "Riley Other", contactMethods = new[] { new { kind = "Email", value = "riley.other@example.org" } } })
            .ExpectAsync(HttpStatusCode.Created);
        var technician = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        await technician.GetAsync($"/api/v1/people/{watched.Id()}/contact-methods").ExpectAsync(HttpStatusCode.OK);

        var reads = await admin.GetAsync("/api/v1/access-log?person=morgan").ExpectAsync(HttpStatusCode.OK);
        Assert.NotEmpty(reads.Items());
        Assert.All(reads.Items(), e => Assert.Equal("Morgan Watched", e.GetProperty("personName").GetString()));
        Assert.Contains(reads.Items(), e => e.GetProperty("actor").GetString()!.StartsWith("user-", StringComparison.Ordinal));

        using var csv = await admin.GetAsync("/api/v1/access-log?person=morgan&format=csv");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("at,actor,accountId,personId,person,remoteAddress,purpose", text, StringComparison.Ordinal);
        Assert.Contains("Morgan Watched", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Riley Other", text, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task Logs_BadFilterOrNotAnAdmin_ClearRefusal(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var admin = server.AdminClient();

        var backwards = await admin.GetAsync("/api/v1/audit-log?from=2026-05-05T00:00:00Z&to=2026-05-04T00:00:00Z").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("to must be after from", backwards.GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);
        var format = await admin.GetAsync("/api/v1/access-log?format=xml").ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(format.GetProperty("errors").TryGetProperty("format", out _));
        await admin.GetAsync("/api/v1/access-log?from=yesterday").ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.GetAsync($"/api/v1/audit-log?actor={new string('x', 201)}").ExpectProblemAsync(HttpStatusCode.BadRequest);

        var manager = await server.ClientAsAsync(LifelineRoles.IncidentManager);
        await manager.GetAsync("/api/v1/audit-log?format=csv").ExpectProblemAsync(HttpStatusCode.Forbidden);
        await manager.GetAsync("/api/v1/access-log").ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, DatabaseData]
    public async Task AccountAdministration_ForANonAdmin_RefusedByTheServiceItself_NothingChanged(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var manager = new Actor(Guid.NewGuid(), "manager", new HashSet<string> { LifelineRoles.IncidentManager }, null, null);
        var scopes = server.Services.GetRequiredService<IServiceScopeFactory>();

        var refused = await scopes.RunAsAsync<AccountAdministration, Lifeline.Api.Outcome<AccountView>>(manager,
            a => a.CreateAsync(manager, new AccountRequest("sneaky", "Sneaky-password-123", [LifelineRoles.Admin], null), CancellationToken.None));
        Assert.Equal(403, refused.Refusal?.Status);
        var logs = await scopes.RunAsAsync<AccessLogs, Lifeline.Api.Outcome<Lifeline.Api.Page<AuditEntryView>>>(manager,
            l => l.AuditAsync(manager, new AuditLogFilter(), new Lifeline.Api.PageQuery(), CancellationToken.None));
        Assert.Equal(403, logs.Refusal?.Status);

        await using var db = server.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "sneaky", TestContext.Current.CancellationToken));
    }
}
