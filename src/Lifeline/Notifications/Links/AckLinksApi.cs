using System.Net;
using Lifeline.Acknowledgements;
using Lifeline.Incidents;
using Lifeline.Server;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Notifications.Links;

/// <summary>
/// The page behind an acknowledgement link in a page e-mail. GET only shows what the button will do:
/// mail scanners and link previews follow links, and must acknowledge nothing. The POST acts, once.
/// Anonymous by design: the signed token is the credential, bound to one incident and one person.
/// </summary>
public static class AckLinksApi
{
    public static IEndpointRouteBuilder MapAckLinks(this IEndpointRouteBuilder app)
    {
        var ack = app.MapGroup("/ack").AllowAnonymous().AsAnonymousEntry(BodyLimits.Small).ExcludeFromDescription();
        ack.MapGet("/{token}", Show);
        ack.MapPost("/{token}", Acknowledge).DisableAntiforgery();
        return app;
    }

    private sealed record LinkState(AckLinkPayload Payload, Incident Incident, string PersonName, string? TeamName);

    private static async Task<IResult> Show(string token, AckLinks links, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (state, refusal) = await CheckAsync(token, links, db, time, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var what = state!.TeamName is { } team ? $"acknowledge the page to {Html(team)} for" : "acknowledge";
        return Page(StatusCodes.Status200OK, $"Acknowledge {state.Incident.Number}",
            $"<p>{Html(state.PersonName)}, you are about to {what} <strong>{Html(state.Incident.Number)}</strong>: {Html(state.Incident.Title)}.</p>" +
            "<div class=\"ack-form\"><form method=\"post\"><button type=\"submit\" class=\"primary\">Acknowledge</button></form></div>");
    }

    private static async Task<IResult> Acknowledge(string token, AckLinks links, LifelineDbContext db, Acknowledger acknowledger, TimeProvider time, CancellationToken ct)
    {
        var (state, refusal) = await CheckAsync(token, links, db, time, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var (payload, incident, person, teamName) = state!;
        var result = await acknowledger.AnswerLinkAsync(payload.NotificationId, payload.PersonId, ct);
        return result.Outcome switch
        {
            PageAnswerOutcome.Acknowledged =>
                Page(StatusCodes.Status200OK, "Acknowledged", $"<p>Thank you, {Html(person)}: you acknowledged {Html(incident.Number)} and are its incident manager.</p>"),
            PageAnswerOutcome.TeamAcknowledged =>
                Page(StatusCodes.Status200OK, "Acknowledged", $"<p>Thank you, {Html(person)}: {Html(teamName ?? "the team")} acknowledged {Html(incident.Number)}. Please join the bridge.</p>"),
            PageAnswerOutcome.DrillAnswered =>
                Page(StatusCodes.Status200OK, "Answer recorded", $"<p>Thank you, {Html(person)}: {Html(incident.Number)} is a drill, and your answer by e-mail is recorded.</p>"),
            PageAnswerOutcome.AlreadyAnswered => AlreadyUsed(),
            PageAnswerOutcome.Refused => Page(StatusCodes.Status409Conflict, "Not acknowledged", $"<p>{Html(result.Detail ?? "")}</p>"),
            PageAnswerOutcome.NotPaged => Page(StatusCodes.Status404NotFound, "Unknown link", "<p>This link does not belong to a page Lifeline sent.</p>"),
            _ => Page(StatusCodes.Status409Conflict, "Nothing to acknowledge",
                $"<p>{Html(incident.Number)} is no longer paging {(teamName is null ? "you" : Html(teamName))}: it was acknowledged or has ended.</p>"),
        };
    }

    /// <summary>Whether the link may act: made by this server, not used, the incident still open, issued less than 24 hours ago.</summary>
    private static async Task<(LinkState? State, IResult? Refusal)> CheckAsync(string token, AckLinks links, LifelineDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (links.Read(token) is not { } payload)
        {
            return (null, Page(StatusCodes.Status404NotFound, "Unknown link", "<p>This link is not valid. Please check that it was copied whole.</p>"));
        }
        if (await db.PageAnswers.AnyAsync(u => u.NotificationId == payload.NotificationId, ct))
        {
            return (null, AlreadyUsed());
        }
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == payload.IncidentId, ct);
        if (incident is null || incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed || time.GetUtcNow() > payload.IssuedAt + AckLinks.Lifetime)
        {
            return (null, Page(StatusCodes.Status410Gone, "Link expired",
                "<p>This link has expired: the incident is resolved or closed, or the link is more than 24 hours old. Please contact the help desk.</p>"));
        }
        var person = await db.People.AsNoTracking().Where(p => p.Id == payload.PersonId).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return (null, Page(StatusCodes.Status410Gone, "Link expired", "<p>This link belongs to someone no longer in the directory.</p>"));
        }
        var team = payload.TeamId is { } teamId ? await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct) : null;
        return (new LinkState(payload, incident, person, team), null);
    }

    private static IResult AlreadyUsed() =>
        Page(StatusCodes.Status409Conflict, "Already used", "<p>This link has already been used; an acknowledgement link works once.</p>");

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// The page in the look of the console's public pages (the survey, sign-in): the same markup as PublicLayout and the
    /// console's stylesheet, which the page's CSP lets load from this server. Plain HTML, so it works in any mail client's browser.
    /// </summary>
    private static IResult Page(int status, string title, string body) => Results.Content(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\"><meta name=\"robots\" content=\"noindex\">" +
        $"<link rel=\"icon\" href=\"data:,\"><link href=\"/console.css\" rel=\"stylesheet\"><title>{Html(title)} · Lifeline</title></head>\n<body>\n" +
        "<header class=\"public-header\"><span class=\"brand\"><span aria-hidden=\"true\">◆</span> Lifeline</span></header>\n" +
        $"<main id=\"main\" class=\"public-main\"><section class=\"card\">\n<h1>{Html(title)}</h1>\n{body}\n</section></main>\n</body></html>\n",
        "text/html; charset=utf-8", statusCode: status);
}
