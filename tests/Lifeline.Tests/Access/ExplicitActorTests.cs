using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Directory.People;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Access;

/// <summary>
/// The console and the CLI call the same services as the API, with no request behind them: the actor they pass
/// decides masking, and it is the actor the access log and the audit log name.
/// </summary>
public sealed class ExplicitActorTests
{
    private static Actor Account(string name, params string[] roles) =>
        new(Guid.NewGuid(), name, roles.ToHashSet(), null, "192.0.2.10");

    [Theory, DatabaseData]
    public async Task PersonDirectory_ExplicitActorsWithoutHttpContext_MaskLogAndAuditForThatActor(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var scopes = server.Services.GetRequiredService<IServiceScopeFactory>();
        Assert.Null(server.Services.GetRequiredService<IHttpContextAccessor>().HttpContext);
        Guid henry;
        await using (var db = server.Database.CreateContext())
        {
            henry = await db.People.Where(p => p.Name == "Henry Castillo").Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
        }
        var viewer = Account("console-viewer", LifelineRoles.Viewer);
        var manager = Account("console-manager", LifelineRoles.IncidentManager);
        var admin = Account("console-admin", LifelineRoles.Admin);

        var masked = await scopes.RunAsAsync<PersonDirectory, Outcome<PersonDetails>>(viewer, d => d.GetAsync(viewer, henry, CancellationToken.None));
        var clear = await scopes.RunAsAsync<PersonDirectory, Outcome<PersonDetails>>(manager, d => d.GetAsync(manager, henry, CancellationToken.None));
        // A scope whose own actor is someone else (a console circuit's, say): the actor handed to the command still counts.
        ContactMethodView added;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs("someone else");
            added = (await scope.ServiceProvider.GetRequiredService<PersonDirectory>().AddContactMethodAsync(admin, henry,
                new ContactMethodRequest(ContactMethodKind.Email, "henry.alt@example.org", "Alternate", null, null, 5), CancellationToken.None)).Value!;
        }

        Assert.All(masked.Value!.ContactMethods, m => Assert.True(m.Masked));
        Assert.DoesNotContain(masked.Value.ContactMethods, m => m.Value == "+18605550106");
        Assert.Contains(clear.Value!.ContactMethods, m => m.Value == "+18605550106" && !m.Masked);
        Assert.Equal("henry.alt@example.org", added.Value);

        await using var check = server.Database.CreateContext();
        var access = await check.ContactAccessLog.AsNoTracking().Where(e => e.PersonId == henry).ToListAsync(TestContext.Current.CancellationToken);
        var entry = Assert.Single(access);
        Assert.Equal((manager.AccountId, "console-manager", "192.0.2.10", "person details"), (entry.AccountId, entry.Actor, entry.RemoteAddress, entry.Purpose));
        var audit = await check.AuditLog.AsNoTracking().Where(a => a.EntityId == added.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["console-admin"], audit.Select(a => a.Actor));
    }

    [Theory, DatabaseData]
    public async Task Services_ActorWithoutTheRole_RefusedAsTheApiWouldAndNothingChanges(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var scopes = server.Services.GetRequiredService<IServiceScopeFactory>();
        Guid henry, email;
        await using (var db = server.Database.CreateContext())
        {
            henry = await db.People.Where(p => p.Name == "Henry Castillo").Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
            email = await db.Services.Where(s => s.Name == "E-mail").Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken);
        }
        var responder = Account("console-responder", LifelineRoles.Responder);

        var added = await scopes.RunAsAsync<PersonDirectory, Outcome<ContactMethodView>>(responder, d => d.AddContactMethodAsync(responder, henry,
            new ContactMethodRequest(ContactMethodKind.Email, "sneaky@example.org", null, null, null, 0), CancellationToken.None));
        var opened = await scopes.RunAsAsync<Lifeline.Incidents.IncidentService, Lifeline.Incidents.IncidentOutcome>(responder, s => s.OpenAsync(
            new Lifeline.Incidents.OpenIncidentRequest("E-mail down", null, email, null, null, null, 1, null, null, null, null, null, null, null), responder, CancellationToken.None));

        Assert.Equal(403, added.Refusal?.Status);
        Assert.Equal(403, opened.Failure?.Status);
        await using var check = server.Database.CreateContext();
        Assert.False(await check.ContactMethods.AnyAsync(m => m.Value == "sneaky@example.org", TestContext.Current.CancellationToken));
        Assert.False(await check.Incidents.AnyAsync(TestContext.Current.CancellationToken));
    }
}
