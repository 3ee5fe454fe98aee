using Lifeline.Access;
using Lifeline.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Reports;

/// <summary>
/// The query string every report takes: from and to (yyyy-MM-dd in the organisation's time zone; default the last 30
/// days up to today), groupBy (severity, service, serviceArea or month; where the report groups) and format (json or
/// csv; an Accept: text/csv header asks for CSV too).
/// </summary>
public sealed record ReportParameters
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? GroupBy { get; init; }
    public string? Format { get; init; }

    public ReportQuery Query => new(From, To, GroupBy);
}

/// <summary>
/// Reports on how the procedure performs, each as JSON or CSV. Read by incident managers, admins, directors and viewers
/// (<see cref="AccessPolicies.ReadReports"/>). A bad query is a 400 problem naming the field.
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports").RequireAuthorization(AccessPolicies.ReadReports);
        reports.MapGet("/incidents", Incidents)
            .WithSummary("Incidents per group: counts, MTTA and MTTR (median and 90th percentile, minutes), compliance with each service-level target")
            .WithDescription("Incidents opened in the period, drills left out; times are when things happened. An acknowledgement made by monitoring "
                + "as it auto-resolved the incident is counted apart (acknowledgedByMonitoring) and left out of MTTA and the acknowledge target. "
                + "The update target is breached when the incident manager had to be reminded, met when the incident was resolved without a reminder.");
        reports.MapGet("/on-call-load", OnCallLoad)
            .WithSummary("Pages per person, per ISO week and at night (22:00-06:00 in the organisation's time zone)");
        reports.MapGet("/escalations", Escalations)
            .WithSummary("Escalations per group, and how many needed tier 2 or later (or another round of the policy)");
        reports.MapGet("/channels", Channels)
            .WithSummary("Per channel: notifications sent, delivered, failed, and the success rate of those finished");
        reports.MapGet("/satisfaction", Satisfaction)
            .WithSummary("Customer satisfaction: average rating, how many gave each rating, every answer with its comment");
        reports.MapGet("/drills", Drills)
            .WithSummary("The drill history: per drill, the day, service, people paged, reachable %, median seconds to acknowledge, people flagged per reason")
            .WithDescription("Drills that started in the period, oldest first; the figures are each drill report's (GET /api/v1/drills/{id}/report). groupBy is not used.");
        return api;
    }

    private static Task<Results<Ok<IncidentReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Incidents(
        [AsParameters] ReportParameters parameters, HttpRequest request, IncidentReports reports, CancellationToken ct) =>
        RespondAsync(parameters, request, "incidents", () => reports.IncidentsAsync(parameters.Query, ct), ReportCsv.Incidents, r => (r.From, r.To));

    private static Task<Results<Ok<OnCallLoadReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> OnCallLoad(
        [AsParameters] ReportParameters parameters, HttpRequest request, PagingReports reports, CancellationToken ct) =>
        RespondAsync(parameters, request, "on-call-load", () => reports.OnCallLoadAsync(parameters.Query, ct), ReportCsv.OnCallLoad, r => (r.From, r.To));

    private static Task<Results<Ok<EscalationReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Escalations(
        [AsParameters] ReportParameters parameters, HttpRequest request, IncidentReports reports, CancellationToken ct) =>
        RespondAsync(parameters, request, "escalations", () => reports.EscalationsAsync(parameters.Query, ct), ReportCsv.Escalations, r => (r.From, r.To));

    private static Task<Results<Ok<ChannelReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Channels(
        [AsParameters] ReportParameters parameters, HttpRequest request, PagingReports reports, CancellationToken ct) =>
        RespondAsync(parameters, request, "channels", () => reports.ChannelsAsync(parameters.Query, ct), ReportCsv.Channels, r => (r.From, r.To));

    private static Task<Results<Ok<SatisfactionReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Satisfaction(
        [AsParameters] ReportParameters parameters, HttpRequest request, SatisfactionReports reports, CancellationToken ct) =>
        RespondAsync(parameters, request, "satisfaction", () => reports.SatisfactionAsync(parameters.Query, ct), ReportCsv.Satisfaction, r => (r.From, r.To));

    private static Task<Results<Ok<DrillHistoryReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Drills(
        [AsParameters] ReportParameters parameters, HttpRequest request, DrillHistoryReports reports, CancellationToken ct) =>
        RespondAsync(parameters, request, "drills", () => reports.DrillsAsync(parameters.Query, ct), ReportCsv.Drills, r => (r.From, r.To));

    private static async Task<Results<Ok<T>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> RespondAsync<T>(ReportParameters parameters,
        HttpRequest request, string name, Func<Task<Outcome<T>>> build, Func<T, byte[]> csv, Func<T, (DateOnly From, DateOnly To)> period)
    {
        bool csvWanted;
        switch (parameters.Format?.Trim().ToLowerInvariant())
        {
            case null or "":
                csvWanted = request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);
                break;
            case "json":
                csvWanted = false;
                break;
            case "csv":
                csvWanted = true;
                break;
            default:
                return Problems.Invalid("format", "format must be json or csv.");
        }
        var outcome = await build();
        if (outcome.Refusal is { } refusal)
        {
            return refusal.Errors is { } errors ? TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value))
                : TypedResults.Problem(detail: refusal.Detail, statusCode: refusal.Status, title: refusal.Title);
        }
        var report = outcome.Value!;
        if (!csvWanted)
        {
            return TypedResults.Ok(report);
        }
        var (from, to) = period(report);
        return TypedResults.File(csv(report), "text/csv; charset=utf-8", $"{name}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv");
    }
}
