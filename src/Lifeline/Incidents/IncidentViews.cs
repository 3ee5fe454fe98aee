using Lifeline.Access;
using Lifeline.Directory.Services;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Incidents;

/// <summary>Turns incidents and operation outcomes into API responses.</summary>
public static class IncidentViews
{
    public static async Task<IncidentView> ViewAsync(Incident i, LifelineDbContext db, ContactDataGuard guard, Actor viewer, CancellationToken ct)
    {
        if (i.ReporterContact is not null)
        {
            await guard.RecordReporterDisclosureAsync(viewer, [i.Number], "incident", ct);
        }
        // The service and the severity's name in one query: every incident answer needs both.
        var head = await db.Services.AsNoTracking().Where(s => s.Id == i.ServiceId)
            .Select(s => new { s.Id, s.Name, SeverityName = db.SeverityLevels.Where(l => l.Level == i.Severity).Select(l => l.Name).FirstOrDefault() })
            .FirstAsync(ct);
        var service = new ServiceRef(head.Id, head.Name);
        var organisation = i.OrganisationId is { } organisationId
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => new OrganisationRef(o.Id, o.Name, o.IsVip)).FirstAsync(ct)
            : null;
        var manager = i.IncidentManagerId is { } managerId
            ? await db.People.AsNoTracking().Where(p => p.Id == managerId).Select(p => new PersonRef(p.Id, p.Name)).FirstAsync(ct)
            : null;
        var teamIds = i.Level2TeamIds.ToList();
        var teams = teamIds.Count == 0 ? []
            : await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).OrderBy(t => t.Name).Select(t => new TeamRef(t.Id, t.Name)).ToListAsync(ct);
        var severityName = head.SeverityName ?? "";
        // A survey is created when the incident is closed, and a closed incident stays closed.
        var survey = i.Status != IncidentStatus.Closed ? null
            : await db.SurveyInvitations.AsNoTracking().Where(s => s.IncidentId == i.Id).OrderByDescending(s => s.SentAt)
                .Select(s => new SurveyStateView(s.SentAt, s.ExpiresAt, s.AnsweredAt, s.Rating, s.Comment)).FirstOrDefaultAsync(ct);
        return new IncidentView(i.Id, i.Number, i.Title, i.Description, service, organisation,
            new ReporterView(i.ReporterName, ShowContact(i.ReporterContact, viewer)), i.Severity, severityName, i.ProposedSeverity, i.ProposalReason,
            i.Status, IncidentLifecycle.AllowedFrom(i.Status), manager, teams, new BridgeView(i.BridgeDialIn, i.BridgePin, i.BridgeLink),
            i.StatusUpdates.OrderBy(u => u.PostedAt).Select(u => new StatusUpdateView(u.Id, u.Text, u.IsolatedTo, u.ExpectedResolutionAt, u.PostedBy, u.PostedAt)).ToList(),
            i.ResolutionSummary, survey, i.IsDrill, i.ManualLogId, i.OpenedBy, i.OpenedAt, i.RecordedAt, i.AcknowledgedAt, i.ResolvedAt, i.ClosedAt);
    }

    /// <summary>The reporter's contact is personal data: masked like a directory contact for roles not entitled to it.</summary>
    private static string? ShowContact(string? contact, Actor viewer) => contact is null ? null : ContactDataGuard.ShowAddress(viewer, contact);

    public static async Task<Results<Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> RespondAsync(
        IncidentOutcome outcome, LifelineDbContext db, ContactDataGuard guard, Actor viewer, CancellationToken ct) =>
        outcome.Failure is { } failure ? Fail<Ok<IncidentView>>(failure) : TypedResults.Ok(await ViewAsync(outcome.Incident!, db, guard, viewer, ct));

    public static Results<T, ValidationProblem, ProblemHttpResult> Fail<T>(IncidentFailure failure) where T : IResult
    {
        if (failure.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value));
        }
        var extensions = failure.AllowedTransitions is { } allowed
            ? new Dictionary<string, object?> { ["allowedTransitions"] = allowed.Select(s => s.ToString()).ToArray() }
            : null;
        return TypedResults.Problem(detail: failure.Detail, statusCode: failure.Status, title: failure.Title, extensions: extensions);
    }

    public static IQueryable<TimelineEntryView> Timeline(LifelineDbContext db, Guid incidentId) =>
        db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incidentId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.RecordedAt).ThenBy(e => e.Id)
            .Select(e => new TimelineEntryView(e.Id, e.OccurredAt, e.RecordedAt, e.Actor, e.Kind, e.Text, e.FromManualLog));
}
