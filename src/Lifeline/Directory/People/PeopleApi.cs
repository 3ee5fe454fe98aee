using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Targets;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.People;

public static class PeopleApi
{
    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");
        people.MapGet("/", List).WithSummary("List people (search by name or title)");
        people.MapGet("/{id:guid}", Get)
            .WithSummary("A person with contact methods")
            .WithDescription("Contact values are in clear for Admin, Level1Technician and IncidentManager (each such read is recorded in the access log) and masked for every other role.");
        people.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a person, optionally with contact methods");
        people.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change a person's name, title, time zone or notes");
        people.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Remove a person").WithDescription("Refused with 409 while the person manages a service area.");

        var methods = people.MapGroup("/{id:guid}/contact-methods");
        methods.MapGet("/", ListContactMethods).WithSummary("A person's contact methods (masked by role, reads in clear are logged)");
        methods.MapPost("/", AddContactMethod).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a contact method; phones are normalised to E.164");
        methods.MapPut("/{methodId:guid}", UpdateContactMethod).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change a contact method");
        methods.MapDelete("/{methodId:guid}", DeleteContactMethod).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a contact method");
        return api;
    }

    private static async Task<Results<Ok<Page<PersonSummary>>, ValidationProblem>> List(
        [AsParameters] PageQuery query, LifelineDbContext db, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var people = db.People.AsNoTracking();
        if (query.Search is { } q)
        {
            people = people.Where(p => p.Name.ToLower().Contains(q) || (p.Title != null && p.Title.ToLower().Contains(q)));
        }
        var page = await Page<PersonSummary>.ReadAsync(
            people.OrderBy(p => p.Name).ThenBy(p => p.Id)
                .Select(p => new PersonSummary(p.Id, p.Name, p.Title, p.TimeZone, p.ContactMethods.Count)), query, ct);
        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<PersonDetails>, ProblemHttpResult>> Get(
        Guid id, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Include(p => p.ContactMethods).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Problems.NotFound("person", id);
        }
        await guard.RecordDisclosureAsync([person.Id], "person details", ct);
        return TypedResults.Ok(await DetailsAsync(person, db, guard, ct));
    }

    private static async Task<Results<Created<PersonDetails>, ValidationProblem>> Create(
        PersonRequest request, LifelineDbContext db, ContactValueRules rules, ContactDataGuard guard, TimeProvider time, CancellationToken ct)
    {
        var validation = request.Validate(rules, creating: true);
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation.Errors);
        }
        var person = new Person(request.Name, request.Title, request.TimeZone ?? "UTC", request.Notes, time.GetUtcNow());
        foreach (var m in request.ContactMethods ?? [])
        {
            var value = m.Normalised(rules);
            if (person.ContactMethods.Exists(c => c.Kind == m.Kind && c.Value == value))
            {
                return Problems.Invalid("contactMethods", $"The same {m.Kind} is listed twice.");
            }
            person.AddContactMethod(m.Kind!.Value, value, m.Label, m.CanSms ?? true, m.CanVoice ?? true, m.Priority ?? 0);
        }
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/people/{person.Id}", await DetailsAsync(person, db, guard, ct));
    }

    private static async Task<Results<Ok<PersonDetails>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, PersonRequest request, LifelineDbContext db, ContactValueRules rules, ContactDataGuard guard, TimeProvider time, CancellationToken ct)
    {
        var validation = request.Validate(rules, creating: false);
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation.Errors);
        }
        var person = await db.People.Include(p => p.ContactMethods).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Problems.NotFound("person", id);
        }
        person.Update(request.Name, request.Title, request.TimeZone ?? person.TimeZone, request.Notes, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailsAsync(person, db, guard, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var person = await db.People.Include(p => p.ContactMethods).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Problems.NotFound("person", id);
        }
        var managed = await db.ServiceAreas.Where(a => a.ManagerId == id).Select(a => a.Name).ToListAsync(ct);
        if (managed.Count > 0)
        {
            return Problems.Conflict(
                $"{person.Name} manages the service area(s) {string.Join(", ", managed)}. Give each area another manager first: escalations fall back to the area manager.",
                "The person is still referenced");
        }
        var referencedBy = await TargetReferences.FindAsync(db, TargetKind.Person, id, ct);
        referencedBy.AddRange(await db.Absences.Where(a => a.StandInId == id)
            .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => $"the absence of {p.Name} (as stand-in)").ToListAsync(ct));
        if (referencedBy.Count > 0)
        {
            return Problems.Conflict($"{person.Name} is named in {string.Join(", ", referencedBy)}. Change those first.", "The person is still referenced");
        }
        // Role and team memberships go with the person (cascade); each removal is audited.
        await db.RoleHolders.Where(h => h.PersonId == id).LoadAsync(ct);
        await db.TeamMembers.Where(m => m.PersonId == id).LoadAsync(ct);
        db.RoleHolders.RemoveRange(db.RoleHolders.Local.Where(h => h.PersonId == id));
        db.TeamMembers.RemoveRange(db.TeamMembers.Local.Where(m => m.PersonId == id));
        await db.Users.Where(a => a.PersonId == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.PersonId, (Guid?)null), ct);
        db.People.Remove(person);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<ContactMethodView>>, ProblemHttpResult>> ListContactMethods(
        Guid id, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == id, ct))
        {
            return Problems.NotFound("person", id);
        }
        var methods = await db.ContactMethods.AsNoTracking().Where(c => c.PersonId == id)
            .OrderBy(c => c.Kind).ThenBy(c => c.Priority).ToListAsync(ct);
        await guard.RecordDisclosureAsync([id], "contact methods", ct);
        return TypedResults.Ok<IReadOnlyList<ContactMethodView>>(methods.Select(m => View(m, guard)).ToList());
    }

    private static async Task<Results<Created<ContactMethodView>, ValidationProblem, ProblemHttpResult>> AddContactMethod(
        Guid id, ContactMethodRequest request, LifelineDbContext db, ContactValueRules rules, ContactDataGuard guard, CancellationToken ct)
    {
        var validation = new Validator();
        request.Validate(rules, validation);
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation.Errors);
        }
        var person = await db.People.Include(p => p.ContactMethods).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Problems.NotFound("person", id);
        }
        var value = request.Normalised(rules);
        if (person.ContactMethods.Exists(c => c.Kind == request.Kind && c.Value == value))
        {
            return Problems.Conflict($"{person.Name} already has this {request.Kind}.");
        }
        var method = person.AddContactMethod(request.Kind!.Value, value, request.Label, request.CanSms ?? true, request.CanVoice ?? true, request.Priority ?? 0);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/people/{id}/contact-methods/{method.Id}", View(method, guard));
    }

    private static async Task<Results<Ok<ContactMethodView>, ValidationProblem, ProblemHttpResult>> UpdateContactMethod(
        Guid id, Guid methodId, ContactMethodRequest request, LifelineDbContext db, ContactValueRules rules, ContactDataGuard guard, CancellationToken ct)
    {
        var validation = new Validator();
        request.Validate(rules, validation);
        var method = await db.ContactMethods.FirstOrDefaultAsync(c => c.Id == methodId && c.PersonId == id, ct);
        if (method is null)
        {
            return Problems.NotFound("contact method", methodId);
        }
        if (request.Kind is { } kind && kind != method.Kind)
        {
            validation.Add("kind", "The kind of a contact method cannot change; add a new one instead.");
        }
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation.Errors);
        }
        var value = request.Normalised(rules);
        if (await db.ContactMethods.AnyAsync(c => c.PersonId == id && c.Id != methodId && c.Kind == method.Kind && c.Value == value, ct))
        {
            return Problems.Conflict($"The person already has this {method.Kind}.");
        }
        method.Update(value, request.Label, request.CanSms ?? method.CanSms, request.CanVoice ?? method.CanVoice, request.Priority ?? method.Priority);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(method, guard));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteContactMethod(Guid id, Guid methodId, LifelineDbContext db, CancellationToken ct)
    {
        var method = await db.ContactMethods.FirstOrDefaultAsync(c => c.Id == methodId && c.PersonId == id, ct);
        if (method is null)
        {
            return Problems.NotFound("contact method", methodId);
        }
        db.ContactMethods.Remove(method);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static ContactMethodView View(ContactMethod m, ContactDataGuard guard) =>
        new(m.Id, m.Kind, guard.Show(m.Kind, m.Value), !guard.InClear, m.Label, m.CanSms, m.CanVoice, m.Priority, m.VerifiedAt);

    private static async Task<PersonDetails> DetailsAsync(Person person, LifelineDbContext db, ContactDataGuard guard, CancellationToken ct)
    {
        var roles = await db.RoleHolders.Where(h => h.PersonId == person.Id)
            .Join(db.DirectoryRoles, h => h.RoleId, r => r.Id, (h, r) => r.Name).OrderBy(n => n).ToListAsync(ct);
        var teams = await db.TeamMembers.Where(m => m.PersonId == person.Id)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => t.Name).OrderBy(n => n).ToListAsync(ct);
        var methods = person.ContactMethods.OrderBy(c => c.Kind).ThenBy(c => c.Priority).Select(m => View(m, guard)).ToList();
        return new PersonDetails(person.Id, person.Name, person.Title, person.TimeZone, person.Notes, methods, roles, teams, person.CreatedAt, person.UpdatedAt);
    }
}
