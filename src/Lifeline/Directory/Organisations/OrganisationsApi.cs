using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.Organisations;

public sealed record OrganisationView(Guid Id, string Name, string? Description, bool IsVip);
public sealed record OrganisationRequest(string Name, string? Description, bool? IsVip);

public static class OrganisationsApi
{
    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        var organisations = api.MapGroup("/organisations").WithTags("Organisations");
        organisations.MapGet("/", List).WithSummary("List customer organisations (VIP ones make any problem Severity 1)");
        organisations.MapGet("/{id:guid}", Get).WithSummary("An organisation");
        organisations.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Add an organisation");
        organisations.MapPut("/{id:guid}", Update).RequireAuthorization(AccessPolicies.Administer).WithSummary("Change an organisation");
        organisations.MapDelete("/{id:guid}", Delete).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Remove an organisation").WithDescription("Refused with 409 while incidents name it.");
        return api;
    }

    private static OrganisationView View(Organisation o) => new(o.Id, o.Name, o.Description, o.IsVip);

    private static async Task<Results<Ok<Page<OrganisationView>>, ValidationProblem>> List([AsParameters] PageQuery query, LifelineDbContext db, CancellationToken ct)
    {
        if (query.Validate() is { } errors)
        {
            return Problems.Invalid(errors);
        }
        var organisations = db.Organisations.AsNoTracking();
        if (query.Search is { } q)
        {
            organisations = organisations.Where(o => o.Name.ToLower().Contains(q) || (o.Description != null && o.Description.ToLower().Contains(q)));
        }
        return TypedResults.Ok(await Page<OrganisationView>.ReadAsync(
            organisations.OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new OrganisationView(o.Id, o.Name, o.Description, o.IsVip)), query, ct));
    }

    private static async Task<Results<Ok<OrganisationView>, ProblemHttpResult>> Get(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        return organisation is null ? Problems.NotFound("organisation", id) : TypedResults.Ok(View(organisation));
    }

    private static async Task<Results<Created<OrganisationView>, ValidationProblem, ProblemHttpResult>> Create(OrganisationRequest request, LifelineDbContext db, CancellationToken ct)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }
        if (await db.Organisations.AnyAsync(o => o.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"An organisation named '{request.Name.Trim()}' already exists.");
        }
        var organisation = new Organisation(request.Name, request.Description, request.IsVip ?? false);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/organisations/{organisation.Id}", View(organisation));
    }

    private static async Task<Results<Ok<OrganisationView>, ValidationProblem, ProblemHttpResult>> Update(Guid id, OrganisationRequest request, LifelineDbContext db, CancellationToken ct)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return Problems.NotFound("organisation", id);
        }
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }
        if (await db.Organisations.AnyAsync(o => o.Id != id && o.Name == request.Name.Trim(), ct))
        {
            return Problems.Conflict($"An organisation named '{request.Name.Trim()}' already exists.");
        }
        organisation.Update(request.Name, request.Description, request.IsVip ?? organisation.IsVip);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(organisation));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, LifelineDbContext db, CancellationToken ct)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
        {
            return Problems.NotFound("organisation", id);
        }
        var incidents = await db.Incidents.Where(i => i.OrganisationId == id).OrderBy(i => i.Number).Select(i => i.Number).Take(10).ToListAsync(ct);
        if (incidents.Count > 0)
        {
            return Problems.Conflict($"{organisation.Name} is the affected organisation of {string.Join(", ", incidents)}.", "The organisation is still referenced");
        }
        db.Organisations.Remove(organisation);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static ValidationProblem? Validate(OrganisationRequest request)
    {
        var v = new Validator().Required("name", request.Name, 200).Optional("description", request.Description, 4000);
        return v.IsValid ? null : Problems.Invalid(v.Errors);
    }
}
