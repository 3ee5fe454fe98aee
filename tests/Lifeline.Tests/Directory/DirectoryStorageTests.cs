using Lifeline.Directory.People;
using Lifeline.Directory.Roles;
using Lifeline.Directory.Services;
using Lifeline.Directory.Teams;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Tests.Directory;

public sealed class DirectoryStorageTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, 123, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task SavePerson_WithContactMethods_RoundTrips(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid id;
        await using (var db = database.CreateContext())
        {
            var person = new Person("Avery Stone", "Network Engineer", "Europe/Berlin", "Prefers SMS.", Now);
            person.AddContactMethod(ContactMethodKind.CellPhone, "+18605550150", "Cell", canSms: true, canVoice: true, priority: 0);
            person.AddContactMethod(ContactMethodKind.OfficePhone, "+442079460958", "London", canSms: true, canVoice: true, priority: 1);
            person.AddContactMethod(ContactMethodKind.Email, "avery.stone@example.org", "Work", canSms: false, canVoice: false, priority: 0);
            person.AddContactMethod(ContactMethodKind.ChatWebhook, "https://chat.example.org/hooks/abc", null, canSms: false, canVoice: false, priority: 2);
            db.People.Add(person);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            id = person.Id;
        }

        await using (var db = database.CreateContext())
        {
            var person = await db.People.Include(p => p.ContactMethods).SingleAsync(p => p.Id == id, TestContext.Current.CancellationToken);
            Assert.Equal(("Avery Stone", "Network Engineer", "Europe/Berlin", "Prefers SMS."), (person.Name, person.Title, person.TimeZone, person.Notes));
            Assert.Equal(Now, person.CreatedAt);
            Assert.Equal(Now, person.UpdatedAt);
            var methods = person.ContactMethods.OrderBy(m => m.Kind).ToList();
            Assert.Equal(
                [
                    (ContactMethodKind.OfficePhone, "+442079460958", "London", false, true, 1),
                    (ContactMethodKind.CellPhone, "+18605550150", "Cell", true, true, 0),
                    (ContactMethodKind.Email, "avery.stone@example.org", "Work", false, false, 0),
                    (ContactMethodKind.ChatWebhook, "https://chat.example.org/hooks/abc", (string?)null, false, false, 2),
                ],
                methods.Select(m => (m.Kind, m.Value, m.Label, m.CanSms, m.CanVoice, m.Priority)).ToList());
            Assert.All(methods, m => Assert.Equal(id, m.PersonId));
        }
    }

    [Theory, DatabaseData]
    public async Task DeletePerson_WithContactMethodsRolesAndTeams_CascadesToThem(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid personId, otherId, roleId, teamId;
        await using (var db = database.CreateContext())
        {
            var person = new Person("Blake Fern", null, "UTC", null, Now);
            person.AddContactMethod(ContactMethodKind.CellPhone, "+18605550151", null, true, true, 0);
            person.AddContactMethod(ContactMethodKind.Email, "blake.fern@example.org", null, false, false, 0);
            var other = new Person("Casey Lund", null, "UTC", null, Now);
            other.AddContactMethod(ContactMethodKind.Email, "casey.lund@example.org", null, false, false, 0);
            db.People.AddRange(person, other);
            var role = new Role("Storage Test Role", null);
            role.SetHolders([person.Id, other.Id]);
            var team = new Team("Storage Test Team", null, TeamKind.Resolver, null, null);
            team.SetMembers([(person.Id, true), (other.Id, false)]);
            db.DirectoryRoles.Add(role);
            db.Teams.Add(team);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            (personId, otherId, roleId, teamId) = (person.Id, other.Id, role.Id, team.Id);
        }

        // A fresh context that has loaded only the person: the database itself must cascade.
        await using (var db = database.CreateContext())
        {
            db.People.Remove(await db.People.SingleAsync(p => p.Id == personId, TestContext.Current.CancellationToken));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = database.CreateContext())
        {
            var ct = TestContext.Current.CancellationToken;
            Assert.Equal(0, await db.ContactMethods.CountAsync(m => m.PersonId == personId, ct));
            Assert.Equal(0, await db.RoleHolders.CountAsync(h => h.PersonId == personId, ct));
            Assert.Equal(0, await db.TeamMembers.CountAsync(m => m.PersonId == personId, ct));
            // Only the deleted person's rows went.
            Assert.Equal(1, await db.ContactMethods.CountAsync(m => m.PersonId == otherId, ct));
            Assert.Equal([otherId], await db.RoleHolders.Where(h => h.RoleId == roleId).Select(h => h.PersonId).ToListAsync(ct));
            Assert.Equal([otherId], await db.TeamMembers.Where(m => m.TeamId == teamId).Select(m => m.PersonId).ToListAsync(ct));
        }
    }

    [Theory, DatabaseData]
    public async Task SaveChanges_ChildrenAddedToLoadedParents_AreInserted(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = new Person("Hana Iles", null, "UTC", null, Now);
        var second = new Person("Ivo Jansen", null, "UTC", null, Now);
        var role = new Role("Growing Role", null);
        var team = new Team("Growing Team", null, TeamKind.Resolver, null, null);
        var area = new ServiceArea("Growing Area", null, first.Id);
        await using (var db = database.CreateContext())
        {
            db.People.AddRange(first, second);
            role.SetHolders([first.Id]);
            team.SetMembers([(first.Id, true)]);
            db.AddRange(role, team, area);
            await db.SaveChangesAsync(ct);
        }

        // As the API does it: load the parent with its children, add one, save.
        await using (var db = database.CreateContext())
        {
            (await db.People.Include(p => p.ContactMethods).SingleAsync(p => p.Id == first.Id, ct))
                .AddContactMethod(ContactMethodKind.Email, "hana.iles@example.org", null, false, false, 0);
            (await db.DirectoryRoles.Include(r => r.Holders).SingleAsync(r => r.Id == role.Id, ct)).SetHolders([second.Id, first.Id]);
            (await db.Teams.Include(t => t.Members).SingleAsync(t => t.Id == team.Id, ct)).SetMembers([(first.Id, false), (second.Id, true)]);
            (await db.ServiceAreas.Include(a => a.DefaultTeams).SingleAsync(a => a.Id == area.Id, ct)).SetDefaultTeams([team.Id]);
            await db.SaveChangesAsync(ct);
        }

        await using (var db = database.CreateContext())
        {
            Assert.Equal(["hana.iles@example.org"], await db.ContactMethods.Where(m => m.PersonId == first.Id).Select(m => m.Value).ToListAsync(ct));
            Assert.Equal([second.Id, first.Id], await db.RoleHolders.Where(h => h.RoleId == role.Id).OrderBy(h => h.Position).Select(h => h.PersonId).ToListAsync(ct));
            Assert.Equal([second.Id], await db.TeamMembers.Where(m => m.TeamId == team.Id && m.IsLead).Select(m => m.PersonId).ToListAsync(ct));
            Assert.Equal(2, await db.TeamMembers.CountAsync(m => m.TeamId == team.Id, ct));
            Assert.Equal(1, await db.Set<ServiceAreaTeam>().CountAsync(t => t.ServiceAreaId == area.Id, ct));
        }
    }

    [Theory, DatabaseData]
    public async Task SaveChanges_DuplicateRoleName_IsRefused(DatabaseProvider provider) =>
        await AssertDuplicateRefusedAsync(provider, db => db.DirectoryRoles.Add(new Role("Duplicate Role", null)));

    [Theory, DatabaseData]
    public async Task SaveChanges_DuplicateTeamName_IsRefused(DatabaseProvider provider) =>
        await AssertDuplicateRefusedAsync(provider, db => db.Teams.Add(new Team("Duplicate Team", null, TeamKind.Resolver, null, null)));

    [Theory, DatabaseData]
    public async Task SaveChanges_DuplicateServiceAreaName_IsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var managerId = await AddPersonAsync(database);
        await AssertDuplicateRefusedAsync(database, db => db.ServiceAreas.Add(new ServiceArea("Duplicate Area", null, managerId)));
    }

    [Theory, DatabaseData]
    public async Task SaveChanges_DuplicateServiceName_IsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var managerId = await AddPersonAsync(database);
        var area = new ServiceArea("Area", null, managerId);
        await using (var db = database.CreateContext())
        {
            db.ServiceAreas.Add(area);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await AssertDuplicateRefusedAsync(database, db => db.Services.Add(new Service("Duplicate Service", null, area.Id, false, false)));
    }

    private static async Task<Guid> AddPersonAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var person = new Person("Dale Moss", null, "UTC", null, Now);
        db.People.Add(person);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return person.Id;
    }

    private static async Task AssertDuplicateRefusedAsync(DatabaseProvider provider, Action<LifelineDbContext> add)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AssertDuplicateRefusedAsync(database, add);
    }

    private static async Task AssertDuplicateRefusedAsync(TestDatabase database, Action<LifelineDbContext> add)
    {
        await using (var db = database.CreateContext())
        {
            add(db);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using (var db = database.CreateContext())
        {
            add(db);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        }
    }
}
