using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Services;

public static class ServicesApi
{
    public static RouteGroupBuilder MapServicesApi(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Services");
        services.MapGet("/", List).WithSummary("List services (E-mail, Active Directory, DMV ...)");
        services.MapGet("/{id:guid}", Get).WithSummary("A service");
        services.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add a service");
        services.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change a service");
        services.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a service");
        return api;
    }

    // Ordered before the projection: SQL cannot order by a member of a constructed record.
    private static IQueryable<ServiceView> Views(LifelineDbContext db, IQueryable<Service> services) =>
        from s in services
        join a in db.ServiceAreas on s.ServiceAreaId equals a.Id
        orderby s.Name, s.Id
        select new ServiceView(s.Id, s.Name, s.Description, s.ServiceAreaId, a.Name, s.IsMajorEnterpriseService, s.IsPublicFacing, s.EscalationPolicyId);

    private static async Task<Results<Ok<Page<ServiceView>>, ValidationProblem>> List([AsParameters] PageQuery query, LifelineDbContext db, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var services = db.Services.AsNoTracking();
        if (query.Search is { } q)
        {
            services = services.Where(s => s.Name.ToLower().Contains(q) || (s.Description != null && s.Description.ToLower().Contains(q)));
        }
        return TypedResults.Ok(await Page<ServiceView>.ReadAsync(Views(db, services), query, ct));
    }

    private static async Task<Results<Ok<ServiceView>, ProblemHttpResult>> Get(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var view = await Views(db, db.Services.AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(ct);
        return view is null ? Problems.NotFound("service", id) : TypedResults.Ok(view);
    }

    private static async Task<Results<Created<ServiceView>, ValidationProblem, ProblemHttpResult>> Create(ServiceRequest request, LifelineDbContext db, CancellationToken ct)
    {
        if (await ValidateAsync(request, db, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.Services.AnyAsync(s => s.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"A service named '{request.Name.Trim()}' already exists.");
        }
        var service = new Service(request.Name, request.Description, request.ServiceAreaId!.Value, request.IsMajorEnterpriseService ?? false, request.IsPublicFacing ?? false);
        service.UseEscalationPolicy(request.EscalationPolicyId);
        db.Services.Add(service);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/services/{service.Id}", await Views(db, db.Services.Where(s => s.Id == service.Id)).FirstAsync(ct));
    }

    private static async Task<Results<Ok<ServiceView>, ValidationProblem, ProblemHttpResult>> Update(Guid id, ServiceRequest request, LifelineDbContext db, CancellationToken ct)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null)
        {
            return Problems.NotFound("service", id);
        }
        if (await ValidateAsync(request, db, ct) is { } invalid)
        {
            return invalid;
        }
        if (await db.Services.AnyAsync(s => s.Id != id && s.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"A service named '{request.Name.Trim()}' already exists.");
        }
        service.Update(request.Name, request.Description, request.ServiceAreaId!.Value,
            request.IsMajorEnterpriseService ?? service.IsMajorEnterpriseService, request.IsPublicFacing ?? service.IsPublicFacing);
        service.UseEscalationPolicy(request.EscalationPolicyId);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await Views(db, db.Services.Where(s => s.Id == id)).FirstAsync(ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null)
        {
            return Problems.NotFound("service", id);
        }
        db.Services.Remove(service);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ValidationProblem?> ValidateAsync(ServiceRequest request, LifelineDbContext db, CancellationToken ct)
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
        return v.IsValid ? null : Problems.Invalid(v.Errors);
    }
}
