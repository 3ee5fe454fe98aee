using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Directory.Availability;
using Lifeline.Directory.Roles;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Directory;

/// <summary>
/// The console calls the directory's services with no request behind them: the actor handed to a command is the
/// one the audit log names, and the one whose permissions count.
/// </summary>
public sealed class DirectoryServicesActorTests
{
    private static Actor Account(string name, params string[] roles) =>
        new(Guid.NewGuid(), name, roles.ToHashSet(), null, "192.0.2.20");

    [Theory, DatabaseData]
    public async Task DirectoryCommands_ExplicitActorWithoutHttpContext_AuditedForThatActor(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var scopes = server.Services.GetRequiredService<IServiceScopeFactory>();
        Assert.Null(server.Services.GetRequiredService<IHttpContextAccessor>().HttpContext);
        var henry = await PersonIdAsync(server, "Henry Castillo");
        var aisha = await PersonIdAsync(server, "Aisha Karim");
        var admin = Account("console-admin", LifelineRoles.Admin);

        var role = await scopes.RunAsAsync<RoleDirectory, Outcome<RoleView>>(admin,
            d => d.CreateAsync(admin, new RoleRequest(TestData.Unique("Console Role"), "Set up from the console", [henry]), CancellationToken.None));
        // A scope whose own actor is someone else (a console circuit's, say): the actor handed to the command still counts.
        Outcome<AbsenceView> absence;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs("someone else");
            absence = await scope.ServiceProvider.GetRequiredService<AvailabilityCalendar>().RecordAbsenceAsync(admin, henry,
                new AbsenceRequest(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(2), aisha, "training"), CancellationToken.None);
        }

        Assert.Null(role.Refusal);
        Assert.Null(absence.Refusal);
        Assert.Equal("Aisha Karim", absence.Value!.StandInName);
        await using var check = server.Database.CreateContext();
        var roleAudit = await check.AuditLog.AsNoTracking().Where(a => a.EntityId == role.Value!.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(roleAudit);
        Assert.All(roleAudit, a => Assert.Equal("console-admin", a.Actor));
        var absenceAudit = await check.AuditLog.AsNoTracking().Where(a => a.EntityId == absence.Value.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["console-admin"], absenceAudit.Select(a => a.Actor));
    }

    [Theory, DatabaseData]
    public async Task RecordAbsence_ActorNotAdminForSomeoneElse_ForbiddenAndNothingSaved_ForThemselvesRecorded(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var scopes = server.Services.GetRequiredService<IServiceScopeFactory>();
        var henry = await PersonIdAsync(server, "Henry Castillo");
        var aisha = await PersonIdAsync(server, "Aisha Karim");
        // Self-service (issue 13): a person records their own absences, not anyone else's.
        var manager = Account("console-manager", LifelineRoles.IncidentManager) with { PersonId = henry };
        var request = new AbsenceRequest(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1), null, null);

        var refused = await scopes.RunAsAsync<AvailabilityCalendar, Outcome<AbsenceView>>(manager,
            c => c.RecordAbsenceAsync(manager, aisha, request, CancellationToken.None));
        var own = await scopes.RunAsAsync<AvailabilityCalendar, Outcome<AbsenceView>>(manager,
            c => c.RecordAbsenceAsync(manager, henry, request, CancellationToken.None));

        Assert.Equal(StatusCodes.Status403Forbidden, refused.Refusal?.Status);
        Assert.Null(own.Refusal);
        await using var check = server.Database.CreateContext();
        Assert.False(await check.Absences.AnyAsync(a => a.PersonId == aisha, TestContext.Current.CancellationToken));
        Assert.True(await check.Absences.AnyAsync(a => a.PersonId == henry, TestContext.Current.CancellationToken));
    }

    private static async Task<Guid> PersonIdAsync(LifelineServer server, string name)
    {
        await using var db = server.Database.CreateContext();
        return await db.People.Where(p => p.Name == name).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
    }
}
