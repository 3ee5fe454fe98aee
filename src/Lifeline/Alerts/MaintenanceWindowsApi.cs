using Lifeline.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Alerts;

public static class MaintenanceWindowsApi
{
    public static RouteGroupBuilder MapMaintenanceWindowsApi(this RouteGroupBuilder api)
    {
        var windows = api.MapGroup("/maintenance-windows").WithTags("Alerts");
        windows.MapGet("/", List).WithSummary("Maintenance windows not yet over (active=true: only those in force now)");
        windows.MapPost("/", Create).RequireAuthorization(AccessPolicies.Administer).WithSummary("Schedule a maintenance window (audited)")
            .WithDescription("For one service (serviceId) or, without one, for every service. Alerts during the window are recorded but page nobody; "
                + "when it ends, alerts still firing open their incident.");
        windows.MapGet("/recurring", ListRecurring).WithSummary("Recurring maintenance not cancelled, with its next occurrences");
        windows.MapPost("/recurring", CreateRecurring).RequireAuthorization(AccessPolicies.Administer).WithSummary("Schedule recurring maintenance (audited)")
            .WithDescription("schedule: a five-field cron expression (\"0 2 * * SUN\": Sundays at 02:00) read as wall-clock time in timeZone (IANA); "
                + "each occurrence lasts durationMinutes on the wall clock (02:00-04:00 stays 02:00-04:00 across a daylight-saving change; a time the "
                + "clocks skip moves forward by the gap). Occurrences are maintenance windows like any other, made two ahead.");
        windows.MapPost("/recurring/{id:guid}/cancel", CancelRecurring).RequireAuthorization(AccessPolicies.Administer)
            .WithSummary("Stop recurring maintenance: no more occurrences, and the one in force ends now (audited)");
        windows.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(AccessPolicies.Administer).WithSummary("End a maintenance window now, or call it off (audited)");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<MaintenanceWindowView>>> List(bool? active, MaintenanceWindows windows, CancellationToken ct) =>
        TypedResults.Ok(await windows.ListAsync(active ?? false, ct));

    private static async Task<Results<Created<MaintenanceWindowView>, ValidationProblem, ProblemHttpResult>> Create(
        MaintenanceWindowRequest request, Actor actor, MaintenanceWindows windows, CancellationToken ct) =>
        await windows.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<MaintenanceWindowView>>() : TypedResults.Created($"/api/v1/maintenance-windows/{created.Value!.Id}", created.Value);

    private static async Task<Ok<IReadOnlyList<RecurringMaintenanceView>>> ListRecurring(RecurringMaintenances recurring, CancellationToken ct) =>
        TypedResults.Ok(await recurring.ListAsync(ct));

    private static async Task<Results<Created<RecurringMaintenanceView>, ValidationProblem, ProblemHttpResult>> CreateRecurring(
        RecurringMaintenanceRequest request, Actor actor, RecurringMaintenances recurring, CancellationToken ct) =>
        await recurring.CreateAsync(actor, request, ct) is var created && created.Refusal is { } refusal
            ? refusal.As<Created<RecurringMaintenanceView>>() : TypedResults.Created($"/api/v1/maintenance-windows/recurring/{created.Value!.Id}", created.Value);

    private static async Task<Results<Ok<RecurringMaintenanceView>, ValidationProblem, ProblemHttpResult>> CancelRecurring(
        Guid id, Actor actor, RecurringMaintenances recurring, CancellationToken ct) =>
        await recurring.CancelAsync(actor, id, ct) is var cancelled && cancelled.Refusal is { } refusal
            ? refusal.As<Ok<RecurringMaintenanceView>>() : TypedResults.Ok(cancelled.Value!);

    private static async Task<Results<Ok<MaintenanceWindowView>, ValidationProblem, ProblemHttpResult>> Cancel(
        Guid id, Actor actor, MaintenanceWindows windows, CancellationToken ct) =>
        await windows.CancelAsync(actor, id, ct) is var cancelled && cancelled.Refusal is { } refusal
            ? refusal.As<Ok<MaintenanceWindowView>>() : TypedResults.Ok(cancelled.Value!);
}
