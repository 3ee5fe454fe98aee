using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Organisations;

/// <summary>
/// Customer organisations (a VIP one makes any problem Severity 1), for the API and the console alike. Every
/// change takes its actor and is audited under the actor's name; reads reveal nobody's personal data and take no
/// viewer.
/// </summary>
public sealed class OrganisationDirectory(LifelineDbContext db, CurrentActor current)
{
    public async Task<Outcome<Page<OrganisationView>>> ListAsync(PageQuery query, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Refusal.Invalid(errors);
        }
        var organisations = db.Organisations.AsNoTracking();
        if (query.Search is { } q)
        {
            organisations = organisations.Where(o => o.Name.ToLower().Contains(q) || (o.Description != null && o.Description.ToLower().Contains(q)));
        }
        return await Page<OrganisationView>.ReadAsync(
            organisations.OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new OrganisationView(o.Id, o.Name, o.Description, o.IsVip)), query, ct);
    }

    public async Task<Outcome<OrganisationView>> GetAsync(Guid id, CancellationToken ct) =>
        await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) is { } organisation
            ? View(organisation)
            : Refusal.NotFound("organisation", id);

    public async Task<Outcome<OrganisationView>> CreateAsync(Actor actor, OrganisationRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }
        if (await db.Organisations.AnyAsync(o => o.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"An organisation named '{request.Name.Trim()}' already exists.");
        }
        var organisation = new Organisation(request.Name, request.Description, request.IsVip ?? false);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return View(organisation);
    }

    public async Task<Outcome<OrganisationView>> UpdateAsync(Actor actor, Guid id, OrganisationRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return Refusal.NotFound("organisation", id);
        }
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }
        if (await db.Organisations.AnyAsync(o => o.Id != id && o.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"An organisation named '{request.Name.Trim()}' already exists.");
        }
        organisation.Update(request.Name, request.Description, request.IsVip ?? organisation.IsVip);
        await db.SaveChangesAsync(ct);
        return View(organisation);
    }

    /// <returns>The removed organisation's id, or why not: an organisation that incidents name stays.</returns>
    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return Refusal.NotFound("organisation", id);
        }
        var affected = db.Incidents.Where(i => i.OrganisationId == id);
        var incidents = await affected.OrderBy(i => i.Number).Select(i => i.Number).Take(Dependents.Listed).ToListAsync(ct);
        if (incidents.Count > 0)
        {
            return Refusal.Conflict(
                $"{organisation.Name} is the affected organisation of {Dependents.Join(incidents, await affected.CountAsync(ct))}; "
                + "incidents keep their organisation, so it stays (clear its VIP flag instead if it no longer applies).",
                "The organisation is still referenced");
        }
        db.Organisations.Remove(organisation);
        await db.SaveChangesAsync(ct);
        return id;
    }

    private static OrganisationView View(Organisation o) => new(o.Id, o.Name, o.Description, o.IsVip);

    private static Refusal? Validate(OrganisationRequest request)
    {
        var v = new Validator().Required("name", request.Name, 200).Optional("description", request.Description, 4000);
        return v.IsValid ? null : Refusal.Invalid(v.Errors);
    }
}
