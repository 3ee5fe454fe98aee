using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Escalation;
using Lifeline.Severity;
using Lifeline.Shifts;
using Lifeline.Storage;
using Lifeline.Templates;
using Lifeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Escalation;

/// <summary>
/// The console calls the configuration services and escalate-now with no request behind them: the actor passed to
/// the command is the one the audit log and the timeline name, whatever the actor of the scope it runs in.
/// </summary>
public sealed class ConfigurationActorTests
{
    private static Actor Account(string name, params string[] roles) =>
        new(Guid.NewGuid(), name, roles.ToHashSet(), null, "192.0.2.20");

    [Theory, DatabaseData]
    public async Task ConfigurationServices_ExplicitActorWithoutHttpContext_AuditNamesThatActor(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var scopes = server.Services.GetRequiredService<IServiceScopeFactory>();
        Assert.Null(server.Services.GetRequiredService<IHttpContextAccessor>().HttpContext);
        var admin = Account("console-admin", LifelineRoles.Admin);
        var ct = TestContext.Current.CancellationToken;

        var level = await scopes.RunAsAsync<SeverityCatalogue, Outcome<SeverityLevelView>>(admin, s => s.UpdateAsync(admin, 2,
            new SeverityLevelRequest("Medium", SeverityCatalogue.MediumDefinition, ["Degraded performance"], 45, null, null, null), ct));
        var template = await scopes.RunAsAsync<TemplateCatalogue, Outcome<MessageTemplateView>>(admin, t => t.UpdateAsync(admin, "test-message",
            new MessageTemplateRequest("Lifeline test", "A test from {{ recipient.name }}.", null, "Lifeline test"), ct));
        // A scope whose own actor is someone else (a console circuit's, say): the actor handed to the command still counts.
        Outcome<ShiftCalendarView> calendar;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs("someone else");
            calendar = await scope.ServiceProvider.GetRequiredService<ShiftCalendars>().ReplaceAsync(admin,
                new ShiftCalendarRequest("America/New_York", [new BusinessHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))], []), ct);
        }

        Assert.Null(level.Refusal);
        Assert.Equal(45, level.Value!.AcknowledgeWithinMinutes);
        Assert.Null(template.Refusal);
        Assert.Equal("console-admin", template.Value!.UpdatedBy);
        Assert.Equal("America/New_York", calendar.Value!.TimeZone);
        await using var db = server.Database.CreateContext();
        var levelId = await db.SeverityLevels.Where(l => l.Level == 2).Select(l => l.Id).SingleAsync(ct);
        var calendarId = await db.ShiftCalendars.Select(c => c.Id).SingleAsync(ct);
        var audit = await db.AuditLog.AsNoTracking().Where(a => a.Action == "Updated" && (a.EntityId == levelId || a.EntityId == calendarId)).ToListAsync(ct);
        Assert.Equal([("SeverityLevel", "console-admin"), ("ShiftCalendar", "console-admin")],
            audit.Select(a => (a.EntityType, a.Actor)).Order());
    }

    [Theory, DatabaseData]
    public async Task EscalateNow_ThroughServiceWithoutHttpContext_TimelineNamesActor(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.StartAsync(provider, EngineHarness.DayShift);
        var number = await h.OpenAsync();
        var scopes = h.Server.Services.GetRequiredService<IServiceScopeFactory>();
        var manager = Account("console-manager", LifelineRoles.IncidentManager);

        // Written as a person would type it: the service reads the number the same way the API does.
        var outcome = await scopes.RunAsAsync<EscalationCommands, Outcome<IncidentEscalationView>>(manager,
            e => e.EscalateNowAsync(manager, number.ToLowerInvariant(), CancellationToken.None));
        var unknown = await scopes.RunAsAsync<EscalationCommands, Outcome<IncidentEscalationView>>(manager,
            e => e.EscalateNowAsync(manager, "INC-1999-000001", CancellationToken.None));
        await h.RunEngineAsync();

        Assert.Null(outcome.Refusal);
        Assert.Equal(StatusCodes.Status404NotFound, unknown.Refusal?.Status);
        var escalated = Assert.Single(await h.TimelineAsync(number), e => e.Kind == EscalationTimelineKinds.EscalatedManually);
        Assert.Equal("console-manager", escalated.Actor);
        Assert.StartsWith("console-manager escalated now", escalated.Text, StringComparison.Ordinal);
        Assert.Contains(await h.NotificationsAsync(number), n => n.Person == "Aisha Karim");
    }
}
