using Lifeline.Directory.Availability;
using Lifeline.Directory.People;
using Lifeline.Directory.Roles;
using Lifeline.Directory.Services;
using Lifeline.Directory.Teams;
using Lifeline.Targets;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Escalation;

public sealed class TargetResolverTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);

    private sealed record World(Person First, Person Second, Person Manager, Role Role, Team Team, Service Service);

    private static async Task<World> SeedAsync(LifelineDbContext db)
    {
        var first = new Person("First Holder", null, "UTC", null, Now);
        var second = new Person("Second Holder", null, "UTC", null, Now);
        var manager = new Person("Area Manager", null, "UTC", null, Now);
        db.People.AddRange(first, second, manager);
        var role = new Role("On call", null);
        role.SetHolders([second.Id, first.Id]);
        var team = new Team("Resolvers", null, TeamKind.Resolver, null, null);
        team.SetMembers([(first.Id, false), (manager.Id, true)]);
        var area = new ServiceArea("Area", null, manager.Id);
        var service = new Service("Mail", null, area.Id, true, false);
        db.AddRange(role, team, area, service);
        await db.SaveChangesAsync();
        return new World(first, second, manager, role, team, service);
    }

    [Theory, DatabaseData]
    public async Task Resolve_RoleTeamAndRelativeTargets_InOrderWithoutDuplicates(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var w = await SeedAsync(db);

        var result = await new TargetResolver(db).ResolveAsync(
            [new(TargetKind.Role, w.Role.Id), new(TargetKind.Team, w.Team.Id), new(TargetKind.ServiceAreaManager), new(TargetKind.IncidentManager)],
            new TargetContext(w.Service.Id, null, Now), CancellationToken.None);

        Assert.Equal([w.Second.Id, w.First.Id, w.Manager.Id], result.People.Select(p => p.PersonId));
        Assert.Equal("holds On call", result.People[0].Via);
        Assert.Equal("member of Resolvers", result.People[2].Via); // the team lead comes before the area manager target
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("the incident manager", skipped.Description);
    }

    [Theory, DatabaseData]
    public async Task Resolve_AbsentWithStandIn_PagesStandInAndSaysWhy(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var w = await SeedAsync(db);
        db.Absences.Add(new Absence(w.Second.Id, Now.AddDays(-1), Now.AddDays(2), w.Manager.Id, "annual leave"));
        db.Absences.Add(new Absence(w.First.Id, Now.AddDays(-1), Now.AddHours(1), null, null));
        await db.SaveChangesAsync();

        var result = await new TargetResolver(db).ResolveAsync([new(TargetKind.Role, w.Role.Id)], new TargetContext(null, null, Now), CancellationToken.None);

        var person = Assert.Single(result.People);
        Assert.Equal(w.Manager.Id, person.PersonId);
        Assert.Equal("stand-in for Second Holder", person.Via);
        Assert.Equal(2, result.Skipped.Count);
        Assert.Contains("annual leave", result.Skipped[0].Reason);
        Assert.Contains("Area Manager stands in", result.Skipped[0].Reason);
        Assert.Equal("First Holder", result.Skipped[1].Description);
    }

    [Theory, DatabaseData]
    public async Task Resolve_AbsenceOver_PersonIsPagedAgain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var w = await SeedAsync(db);
        db.Absences.Add(new Absence(w.First.Id, Now.AddDays(-3), Now.AddDays(-1), null, null));
        await db.SaveChangesAsync();

        var result = await new TargetResolver(db).ResolveAsync([new(TargetKind.Person, w.First.Id)], new TargetContext(null, null, Now), CancellationToken.None);

        Assert.Equal(w.First.Id, Assert.Single(result.People).PersonId);
        Assert.Empty(result.Skipped);
    }

    [Theory, DatabaseData]
    public async Task Resolve_RoleWithoutHoldersAndNoService_SkippedWithReasons(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var empty = new Role("Vacant", null);
        db.DirectoryRoles.Add(empty);
        await db.SaveChangesAsync();

        var result = await new TargetResolver(db).ResolveAsync([new(TargetKind.Role, empty.Id), new(TargetKind.ServiceAreaManager)],
            new TargetContext(null, null, Now), CancellationToken.None);

        Assert.Empty(result.People);
        Assert.Equal(["nobody holds it", "the incident has no service with a service area"], result.Skipped.Select(s => s.Reason));
    }
}
