using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.People;

/// <summary>
/// People and their contact methods, for the API and the console alike. Every read takes its viewer and every
/// change its actor: contact values are masked for viewers not entitled to them, each read in clear is in the
/// access log, and each change is audited under the actor's name (the audit interceptor reads the actor of the
/// unit of work, which <see cref="UnitOfWork.RunAsAsync{TService, T}"/> sets; on a request it is the request's).
/// </summary>
public sealed class PersonDirectory(LifelineDbContext db, ContactValueRules rules, ContactDataGuard guard, CurrentActor current, TimeProvider time)
{
    /// <summary>People by name, searched by name or title: names and titles only, no contact values.</summary>
    public async Task<Outcome<Page<PersonSummary>>> ListAsync(PageQuery query, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Refusal.Invalid(errors);
        }
        var people = db.People.AsNoTracking();
        if (query.Search is { } q)
        {
            people = people.Where(p => p.Name.ToLower().Contains(q) || (p.Title != null && p.Title.ToLower().Contains(q)));
        }
        return await Page<PersonSummary>.ReadAsync(
            people.OrderBy(p => p.Name).ThenBy(p => p.Id)
                .Select(p => new PersonSummary(p.Id, p.Name, p.Title, p.TimeZone, p.ContactMethods.Count)), query, ct);
    }

    public async Task<Outcome<PersonDetails>> GetAsync(Actor viewer, Guid id, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Include(p => p.ContactMethods).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Refusal.NotFound("person", id);
        }
        await guard.RecordClearReadsAsync(viewer, [person.Id], "person details", ct);
        return await DetailsAsync(viewer, person, ct);
    }

    public async Task<Outcome<IReadOnlyList<ContactMethodView>>> ContactMethodsAsync(Actor viewer, Guid id, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == id, ct))
        {
            return Refusal.NotFound("person", id);
        }
        var methods = await db.ContactMethods.AsNoTracking().Where(c => c.PersonId == id)
            .OrderBy(c => c.Kind).ThenBy(c => c.Priority).ThenBy(c => c.Id).ToListAsync(ct);
        await guard.RecordClearReadsAsync(viewer, [id], "contact methods", ct);
        return methods.Select(m => View(viewer, m)).ToList();
    }

    public async Task<Outcome<PersonDetails>> CreateAsync(Actor actor, PersonRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var validation = request.Validate(rules, creating: true);
        if (!validation.IsValid)
        {
            return Refusal.Invalid(validation.Errors);
        }
        var person = new Person(request.Name, request.Title, request.TimeZone ?? "UTC", request.Notes, time.GetUtcNow());
        foreach (var m in request.ContactMethods ?? [])
        {
            var value = m.Normalised(rules);
            if (person.ContactMethods.Exists(c => c.Kind == m.Kind && c.Value == value))
            {
                return Refusal.Invalid("contactMethods", $"The same {m.Kind} is listed twice.");
            }
            person.AddContactMethod(m.Kind!.Value, value, m.Label, m.CanSms ?? true, m.CanVoice ?? true, m.Priority ?? 0);
        }
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(actor, person, ct);
    }

    public async Task<Outcome<PersonDetails>> UpdateAsync(Actor actor, Guid id, PersonRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var validation = request.Validate(rules, creating: false);
        if (!validation.IsValid)
        {
            return Refusal.Invalid(validation.Errors);
        }
        var person = await db.People.Include(p => p.ContactMethods).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Refusal.NotFound("person", id);
        }
        person.Update(request.Name, request.Title, request.TimeZone ?? person.TimeZone, request.Notes, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(actor, person, ct);
    }

    /// <returns>The removed person's id, or why not: a person still named elsewhere stays.</returns>
    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var person = await db.People.Include(p => p.ContactMethods).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Refusal.NotFound("person", id);
        }
        if (await DependentsAsync(person, ct) is { Count: > 0 } reasons)
        {
            return Refusal.Conflict(string.Join(" ", reasons), "The person is still referenced");
        }
        // Role and team memberships go with the person (cascade); each removal is audited.
        await db.RoleHolders.Where(h => h.PersonId == id).LoadAsync(ct);
        await db.TeamMembers.Where(m => m.PersonId == id).LoadAsync(ct);
        db.RoleHolders.RemoveRange(db.RoleHolders.Local.Where(h => h.PersonId == id));
        db.TeamMembers.RemoveRange(db.TeamMembers.Local.Where(m => m.PersonId == id));
        await db.Users.Where(a => a.PersonId == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.PersonId, (Guid?)null), ct);
        db.People.Remove(person);
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>
    /// Why a person cannot leave the directory yet, one sentence per dependent that names it and says what to do. Every
    /// reason at once, so that an admin fixes them in one round. A role the person shares and their team memberships
    /// are not reasons: those go with the person.
    /// </summary>
    private async Task<List<string>> DependentsAsync(Person person, CancellationToken ct)
    {
        var id = person.Id;
        var reasons = new List<string>();
        var managed = await db.ServiceAreas.Where(a => a.ManagerId == id).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(ct);
        if (managed.Count > 0)
        {
            reasons.Add($"{person.Name} manages {Dependents.Join(managed)}; choose another manager first.");
        }
        // A role left with nobody would page nobody (a role held through a schedule falls back to its holders).
        var soleHolder = await db.DirectoryRoles.Where(r => r.Holders.Count == 1 && r.Holders.Any(h => h.PersonId == id))
            .OrderBy(r => r.Name).Select(r => r.Name).ToListAsync(ct);
        if (soleHolder.Count > 0)
        {
            reasons.Add($"{person.Name} holds {Dependents.Join(soleHolder)}; choose another holder first.");
        }
        // Rotations keep person ids in JSON, out of reach of a foreign key: a removed participant would leave a hole.
        var rotations = (await db.Schedules.AsNoTracking().ToListAsync(ct)).Where(s => s.HasParticipant(id)).Select(s => s.Name).Order().ToList();
        if (rotations.Count > 0)
        {
            reasons.Add($"{person.Name} takes turns in the schedule {Dependents.Join(rotations)}; take them out of the rotation first.");
        }
        var targets = await TargetReferences.FindAsync(db, TargetKind.Person, id, ct);
        if (targets.Count > 0)
        {
            reasons.Add($"{person.Name} is a target of {Dependents.Join(targets)}; remove them from there first.");
        }
        var standingIn = await db.Absences.Where(a => a.StandInId == id)
            .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => p.Name).Distinct().OrderBy(n => n).ToListAsync(ct);
        if (standingIn.Count > 0)
        {
            reasons.Add($"{person.Name} is the stand-in for an absence of {Dependents.Join(standingIn)}; choose another stand-in first.");
        }
        var managedIncidents = db.Incidents.Where(i => i.IncidentManagerId == id);
        var incidents = await managedIncidents.OrderBy(i => i.Number).Select(i => i.Number).Take(Dependents.Listed).ToListAsync(ct);
        if (incidents.Count > 0)
        {
            reasons.Add($"{person.Name} is the incident manager of {Dependents.Join(incidents, await managedIncidents.CountAsync(ct))}; "
                + "incidents keep their incident manager, so the person stays (remove their contact methods and roles instead).");
        }
        return reasons;
    }

    public async Task<Outcome<ContactMethodView>> AddContactMethodAsync(Actor actor, Guid id, ContactMethodRequest request, CancellationToken ct)
    {
        if (actor.LacksSelfOrAdmin(id, "change this person's contact methods") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var validation = new Validator();
        request.Validate(rules, validation);
        if (!validation.IsValid)
        {
            return Refusal.Invalid(validation.Errors);
        }
        var person = await db.People.Include(p => p.ContactMethods).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Refusal.NotFound("person", id);
        }
        var value = request.Normalised(rules);
        if (person.ContactMethods.Exists(c => c.Kind == request.Kind && c.Value == value))
        {
            return Refusal.Conflict($"{person.Name} already has this {request.Kind}.");
        }
        var method = person.AddContactMethod(request.Kind!.Value, value, request.Label, request.CanSms ?? true, request.CanVoice ?? true, request.Priority ?? 0);
        await db.SaveChangesAsync(ct);
        return View(actor, method);
    }

    public async Task<Outcome<ContactMethodView>> UpdateContactMethodAsync(Actor actor, Guid id, Guid methodId, ContactMethodRequest request, CancellationToken ct)
    {
        if (actor.LacksSelfOrAdmin(id, "change this person's contact methods") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var validation = new Validator();
        request.Validate(rules, validation);
        var method = await db.ContactMethods.FirstOrDefaultAsync(c => c.Id == methodId && c.PersonId == id, ct);
        if (method is null)
        {
            return Refusal.NotFound("contact method", methodId);
        }
        if (request.Kind is { } kind && kind != method.Kind)
        {
            validation.Add("kind", "The kind of a contact method cannot change; add a new one instead.");
        }
        if (!validation.IsValid)
        {
            return Refusal.Invalid(validation.Errors);
        }
        var value = request.Normalised(rules);
        if (await db.ContactMethods.AnyAsync(c => c.PersonId == id && c.Id != methodId && c.Kind == method.Kind && c.Value == value, ct))
        {
            return Refusal.Conflict($"The person already has this {method.Kind}.");
        }
        method.Update(value, request.Label, request.CanSms ?? method.CanSms, request.CanVoice ?? method.CanVoice, request.Priority ?? method.Priority);
        await db.SaveChangesAsync(ct);
        return View(actor, method);
    }

    public async Task<Outcome<Guid>> DeleteContactMethodAsync(Actor actor, Guid id, Guid methodId, CancellationToken ct)
    {
        if (actor.LacksSelfOrAdmin(id, "change this person's contact methods") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var method = await db.ContactMethods.FirstOrDefaultAsync(c => c.Id == methodId && c.PersonId == id, ct);
        if (method is null)
        {
            return Refusal.NotFound("contact method", methodId);
        }
        db.ContactMethods.Remove(method);
        await db.SaveChangesAsync(ct);
        return methodId;
    }

    /// <summary>
    /// Puts a person's contact methods in this order of preference: each kind's methods get priorities 0, 1, 2 ... in the
    /// order given (escalation tries a kind's methods by priority). Every method of the person must be named once.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<ContactMethodView>>> ReorderContactMethodsAsync(Actor actor, Guid id, IReadOnlyList<Guid> order, CancellationToken ct)
    {
        if (actor.LacksSelfOrAdmin(id, "change this person's contact methods") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (!await db.People.AnyAsync(p => p.Id == id, ct))
        {
            return Refusal.NotFound("person", id);
        }
        var methods = await db.ContactMethods.Where(c => c.PersonId == id).ToListAsync(ct);
        if (order.Count != methods.Count || order.Distinct().Count() != order.Count || !order.All(o => methods.Exists(m => m.Id == o)))
        {
            return Refusal.Invalid("order", "Name each of the person's contact methods exactly once.");
        }
        foreach (var kind in methods.Select(m => m.Kind).Distinct())
        {
            var priority = 0;
            foreach (var methodId in order)
            {
                if (methods.Find(m => m.Id == methodId && m.Kind == kind) is { } method)
                {
                    method.Reprioritise(priority++);
                }
            }
        }
        await db.SaveChangesAsync(ct);
        return methods.OrderBy(m => m.Kind).ThenBy(m => m.Priority).Select(m => View(actor, m)).ToList();
    }

    public static ContactMethodView View(Actor viewer, ContactMethod m) =>
        new(m.Id, m.Kind, ContactDataGuard.Show(viewer, m.PersonId, m.Kind, m.Value), !ContactDataGuard.SeesInClear(viewer, m.PersonId), m.Label,
            m.CanSms, m.CanVoice, m.Priority, m.VerifiedAt);

    private async Task<PersonDetails> DetailsAsync(Actor viewer, Person person, CancellationToken ct)
    {
        var roles = await db.RoleHolders.Where(h => h.PersonId == person.Id)
            .Join(db.DirectoryRoles, h => h.RoleId, r => r.Id, (h, r) => r.Name).OrderBy(n => n).ToListAsync(ct);
        var teams = await db.TeamMembers.Where(m => m.PersonId == person.Id)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => t.Name).OrderBy(n => n).ToListAsync(ct);
        var methods = person.ContactMethods.OrderBy(c => c.Kind).ThenBy(c => c.Priority).ThenBy(c => c.Id).Select(m => View(viewer, m)).ToList();
        return new PersonDetails(person.Id, person.Name, person.Title, person.TimeZone, person.Notes, methods, roles, teams, person.CreatedAt, person.UpdatedAt);
    }
}
