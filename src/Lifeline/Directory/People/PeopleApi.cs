using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

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
        const string self = "Allowed to an admin, and to the person linked to the signed-in account for their own methods (self-service); anyone else gets 403.";
        methods.MapGet("/", ListContactMethods)
            .WithSummary("A person's contact methods (masked by role, reads in clear are logged)")
            .WithDescription("In clear for Admin, Level1Technician and IncidentManager, and for the person themselves; each read in clear is recorded in the access log.");
        methods.MapPost("/", AddContactMethod).WithSummary("Add a contact method; phones are normalised to E.164").WithDescription(self);
        methods.MapPut("/{methodId:guid}", UpdateContactMethod)
            .WithSummary("Change a contact method").WithDescription(self + " A changed value is no longer verified.");
        methods.MapDelete("/{methodId:guid}", DeleteContactMethod).WithSummary("Remove a contact method").WithDescription(self);
        methods.MapPut("/order", ReorderContactMethods)
            .WithSummary("Set the order of preference: every contact method's id once, most preferred first")
            .WithDescription(self + " Within each kind, the first named gets priority 0 and is tried first.");
        return api;
    }

    private static async Task<Results<Ok<Page<PersonSummary>>, ValidationProblem, ProblemHttpResult>> List(
        [AsParameters] PageQuery query, PersonDirectory people, CancellationToken ct) =>
        await people.ListAsync(query, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Ok<Page<PersonSummary>>>()
            : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Ok<PersonDetails>, ProblemHttpResult>> Get(Guid id, Actor actor, PersonDirectory people, CancellationToken ct) =>
        await people.GetAsync(actor, id, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("person", id);

    private static async Task<Results<Created<PersonDetails>, ValidationProblem, ProblemHttpResult>> Create(PersonRequest request, Actor actor, PersonDirectory people, CancellationToken ct) =>
        await people.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<PersonDetails>>()
            : TypedResults.Created($"/api/v1/people/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<PersonDetails>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, PersonRequest request, Actor actor, PersonDirectory people, CancellationToken ct) =>
        await people.UpdateAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<PersonDetails>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(Guid id, Actor actor, PersonDirectory people, CancellationToken ct) =>
        (await people.DeleteAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();

    private static async Task<Results<Ok<IReadOnlyList<ContactMethodView>>, ProblemHttpResult>> ListContactMethods(
        Guid id, Actor actor, PersonDirectory people, CancellationToken ct) =>
        await people.ContactMethodsAsync(actor, id, ct) is { Refusal: null } found ? TypedResults.Ok(found.Value!) : Problems.NotFound("person", id);

    private static async Task<Results<Created<ContactMethodView>, ValidationProblem, ProblemHttpResult>> AddContactMethod(
        Guid id, ContactMethodRequest request, Actor actor, PersonDirectory people, CancellationToken ct) =>
        await people.AddContactMethodAsync(actor, id, request, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Created<ContactMethodView>>()
            : TypedResults.Created($"/api/v1/people/{id}/contact-methods/{outcome.Value!.Id}", outcome.Value);

    private static async Task<Results<Ok<ContactMethodView>, ValidationProblem, ProblemHttpResult>> UpdateContactMethod(
        Guid id, Guid methodId, ContactMethodRequest request, Actor actor, PersonDirectory people, CancellationToken ct) =>
        await people.UpdateContactMethodAsync(actor, id, methodId, request, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<ContactMethodView>>() : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<Ok<IReadOnlyList<ContactMethodView>>, ValidationProblem, ProblemHttpResult>> ReorderContactMethods(
        Guid id, ContactMethodOrderRequest request, Actor actor, PersonDirectory people, CancellationToken ct) =>
        await people.ReorderContactMethodsAsync(actor, id, request.Order ?? [], ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Ok<IReadOnlyList<ContactMethodView>>>()
            : TypedResults.Ok(outcome.Value!);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteContactMethod(Guid id, Guid methodId, Actor actor, PersonDirectory people, CancellationToken ct) =>
        (await people.DeleteContactMethodAsync(actor, id, methodId, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();
}
