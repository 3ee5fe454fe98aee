using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Drills;

/// <summary>Drill schedules, running a drill now, the drill history and each drill's report (JSON, CSV, PDF).</summary>
public static class DrillsApi
{
    public static RouteGroupBuilder MapDrillsApi(this RouteGroupBuilder api)
    {
        var schedules = api.MapGroup("/drill-schedules").WithTags("Drills");
        schedules.MapGet("/", ListSchedules).WithSummary("Drill schedules: service, policy, recurrence and when the next drill is");
        schedules.MapPost("/", Schedule).RequireAuthorization(AccessPolicies.Administer).WithSummary("Schedule drills on a recurrence")
            .WithDescription("recurrence is an iCalendar RRULE (RFC 5545), e.g. FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU for every two months on the first Tuesday; "
                + "firstAt is the local date and time of the first drill in timeZone (IANA). Each drill pages the policy once, marked [DRILL].");
        schedules.MapDelete("/{id:guid}", DeleteSchedule).RequireAuthorization(AccessPolicies.Administer).WithSummary("Remove a drill schedule (drills that ran stay)");

        var drills = api.MapGroup("/drills").WithTags("Drills");
        drills.MapGet("/", History).WithSummary("The drill history: each drill with how many people it paged and reached, and the median time to acknowledge")
            .WithDescription("Newest first; from and to (instants) and serviceId narrow it.");
        drills.MapPost("/", Run).RequireAuthorization(AccessPolicies.RunIncidents).WithSummary("Run a drill now for a service and a policy")
            .WithDescription("Opens a drill incident that pages the policy once through; every person paged is asked to acknowledge, and the drill goes on through "
                + "every tier until each tier's people have answered or timed out. Nobody outside the policy is told, and no service-level target applies.");
        drills.MapGet("/{id:guid}/report", Report)
            .WithSummary("The drill report: who was reachable how fast per channel, who was not and why, against previous drills")
            .WithDescription("JSON by default; ?format=csv (or Accept: text/csv) gives one row per page; ?format=pdf the printable report.");
        drills.MapPost("/{id:guid}/follow-up", FollowUp).RequireAuthorization(AccessPolicies.RunIncidents)
            .WithSummary("Tell the people the drill could not reach what to fix now (done by itself when the drill ends)");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<DrillScheduleView>>> ListSchedules(DrillService drills, CancellationToken ct) =>
        TypedResults.Ok(await drills.SchedulesAsync(ct));

    private static async Task<Results<Created<DrillScheduleView>, ValidationProblem, ProblemHttpResult>> Schedule(ScheduleDrillRequest request, Actor actor, DrillService drills, CancellationToken ct) =>
        await drills.ScheduleAsync(actor, request, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Created<DrillScheduleView>>()
            : TypedResults.Created($"/api/v1/drill-schedules/{outcome.Value!.Id}", outcome.Value);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteSchedule(Guid id, Actor actor, DrillService drills, CancellationToken ct) =>
        (await drills.DeleteScheduleAsync(actor, id, ct)).Refusal is { } refusal ? refusal.As<NoContent>() : TypedResults.NoContent();

    private static async Task<Ok<IReadOnlyList<DrillSummary>>> History(DrillReports reports, CancellationToken ct, DateTimeOffset? from = null, DateTimeOffset? to = null, Guid? serviceId = null) =>
        TypedResults.Ok(await reports.HistoryAsync(from, to, serviceId, ct));

    private static async Task<Results<Created<DrillSummary>, ValidationProblem, ProblemHttpResult>> Run(RunDrillRequest request, Actor actor, DrillService drills, CancellationToken ct) =>
        await drills.RunAsync(actor, request, ct) is var outcome && outcome.Refusal is { } refusal
            ? refusal.As<Created<DrillSummary>>()
            : TypedResults.Created($"/api/v1/drills/{outcome.Value!.Id}/report", outcome.Value);

    private static async Task<Results<Ok<DrillReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Report(Guid id, DrillReports reports, HttpContext http,
        CancellationToken ct, string? format = null)
    {
        var wanted = format?.Trim().ToLowerInvariant()
            ?? (http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "json");
        if (wanted is not ("json" or "csv" or "pdf"))
        {
            return Problems.Invalid("format", "format is json, csv or pdf.");
        }
        if (await reports.ReportAsync(id, ct) is not { } report)
        {
            return Problems.NotFound("drill", id);
        }
        return wanted switch
        {
            "csv" => TypedResults.File(DrillReportFiles.Csv(report), "text/csv; charset=utf-8", $"drill-{report.Drill.IncidentNumber}.csv"),
            "pdf" => TypedResults.File(DrillReportFiles.Pdf(report), "application/pdf", $"drill-{report.Drill.IncidentNumber}.pdf"),
            _ => TypedResults.Ok(report),
        };
    }

    private static async Task<Results<Ok<int>, ValidationProblem, ProblemHttpResult>> FollowUp(Guid id, Actor actor, DrillService drills, CancellationToken ct) =>
        await drills.FollowUpNowAsync(actor, id, ct) is var outcome && outcome.Refusal is { } refusal ? refusal.As<Ok<int>>() : TypedResults.Ok(outcome.Value);
}
