using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Services;

/// <summary>
/// The services Lifeline escalates for (E-mail, Active Directory, DMV ...), for the API and the console alike.
/// Every change takes its actor and is audited under the actor's name; reads reveal nobody's personal data and
/// take no viewer.
/// </summary>
public sealed class ServiceCatalogue(LifelineDbContext db, CurrentActor current)
{
    public async Task<Outcome<Page<ServiceView>>> ListAsync(PageQuery query, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Refusal.Invalid(errors);
        }
        var services = db.Services.AsNoTracking();
        if (query.Search is { } q)
        {
            services = services.Where(s => s.Name.ToLower().Contains(q) || (s.Description != null && s.Description.ToLower().Contains(q)));
        }
        return await Page<ServiceView>.ReadAsync(Views(services), query, ct);
    }

    public async Task<Outcome<ServiceView>> GetAsync(Guid id, CancellationToken ct) =>
        await Views(db.Services.AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(ct) is { } view ? view : Refusal.NotFound("service", id);

    public async Task<Outcome<ServiceView>> CreateAsync(Actor actor, ServiceRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        if (await ValidateAsync(request, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.Services.AnyAsync(s => s.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A service named '{request.Name.Trim()}' already exists.");
        }
        var service = new Service(request.Name, request.Description, request.ServiceAreaId!.Value, request.IsMajorEnterpriseService ?? false, request.IsPublicFacing ?? false);
        service.UseEscalationPolicy(request.EscalationPolicyId);
        service.ShowOnPublicStatusPage(request.OnPublicStatusPage ?? false);
        db.Services.Add(service);
        await db.SaveChangesAsync(ct);
        return await Views(db.Services.Where(s => s.Id == service.Id)).FirstAsync(ct);
    }

    public async Task<Outcome<ServiceView>> UpdateAsync(Actor actor, Guid id, ServiceRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null)
        {
            return Refusal.NotFound("service", id);
        }
        if (await ValidateAsync(request, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.Services.AnyAsync(s => s.Id != id && s.Name == request.Name.Trim(), ct))
        {
            return Refusal.Conflict($"A service named '{request.Name.Trim()}' already exists.");
        }
        service.Update(request.Name, request.Description, request.ServiceAreaId!.Value,
            request.IsMajorEnterpriseService ?? service.IsMajorEnterpriseService, request.IsPublicFacing ?? service.IsPublicFacing);
        service.UseEscalationPolicy(request.EscalationPolicyId);
        service.ShowOnPublicStatusPage(request.OnPublicStatusPage ?? service.OnPublicStatusPage);
        await db.SaveChangesAsync(ct);
        return await Views(db.Services.Where(s => s.Id == id)).FirstAsync(ct);
    }

    public async Task<Outcome<Guid>> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the directory") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null)
        {
            return Refusal.NotFound("service", id);
        }
        // Incidents keep their service (a foreign key without cascade): without this, a database error.
        var affected = db.Incidents.Where(i => i.ServiceId == id);
        var incidents = await affected.OrderBy(i => i.Number).Select(i => i.Number).Take(Dependents.Listed).ToListAsync(ct);
        if (incidents.Count > 0)
        {
            return Refusal.Conflict(
                $"{service.Name} is the service of {Dependents.Join(incidents, await affected.CountAsync(ct))}; "
                + "incidents keep their service, so it stays (rename it or move it to another area instead).",
                "The service is still referenced");
        }
        db.Services.Remove(service);
        await db.SaveChangesAsync(ct);
        return id;
    }

    // Ordered before the projection: SQL cannot order by a member of a constructed record.
    private IQueryable<ServiceView> Views(IQueryable<Service> services) =>
        from s in services
        join a in db.ServiceAreas on s.ServiceAreaId equals a.Id
        orderby s.Name, s.Id
        select new ServiceView(s.Id, s.Name, s.Description, s.ServiceAreaId, a.Name, s.IsMajorEnterpriseService, s.IsPublicFacing, s.EscalationPolicyId,
            s.OnPublicStatusPage);

    private async Task<Refusal?> ValidateAsync(ServiceRequest request, CancellationToken ct)
    {
        var v = new Validator().Required("name", request.Name, 200).Optional("description", request.Description, 4000);
        if (request.ServiceAreaId is not { } areaId)
        {
            v.Add("serviceAreaId", "serviceAreaId is required.");
        }
        else if (!await db.ServiceAreas.AnyAsync(a => a.Id == areaId, ct))
        {
            v.Add("serviceAreaId", $"No service area with id {areaId}.");
        }
        if (request.EscalationPolicyId is { } policyId && !await db.EscalationPolicies.AnyAsync(p => p.Id == policyId, ct))
        {
            v.Add("escalationPolicyId", $"No escalation policy with id {policyId}.");
        }
        return v.IsValid ? null : Refusal.Invalid(v.Errors);
    }
}
