using Lifeline.Api;
using Lifeline.Incidents;
using Lifeline.Shifts;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Surveys;

/// <summary>
/// The customer's side of the satisfaction survey, for the JSON API and the HTML page alike: what a link is about,
/// and answering it once. The token in the link is the only credential; it is never echoed back.
/// Refusals: 404 an unknown link, 409 one already answered, 410 an expired one, 400 a bad rating or comment.
/// </summary>
public sealed class SurveyAnswers(LifelineDbContext db, IncidentTimeline timeline, TimeProvider time)
{
    public const string Question = "How satisfied are you with how this incident was handled? 1 (not at all) to 5 (very).";
    public const int MaxComment = 4000;

    public async Task<Outcome<SurveyDetails>> FindAsync(string token, CancellationToken ct)
    {
        var (invitation, refusal) = await OpenInvitationAsync(token, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var found = await (from i in db.Incidents.AsNoTracking()
                           join s in db.Services.AsNoTracking() on i.ServiceId equals s.Id
                           where i.Id == invitation!.IncidentId
                           select new { i.Number, i.Title, Service = s.Name, i.ResolvedAt }).FirstAsync(ct);
        var zone = (await ShiftCalendars.CurrentAsync(db, ct)).TimeZone;
        return new SurveyDetails(found.Number, found.Title, found.Service,
            found.ResolvedAt is { } resolved ? TimeZoneInfo.ConvertTime(resolved, TimeZoneInfo.FindSystemTimeZoneById(zone)) : null,
            invitation!.ExpiresAt, zone);
    }

    public async Task<Outcome<SurveyAnswerView>> AnswerAsync(string token, SurveyAnswerRequest request, CancellationToken ct)
    {
        var (invitation, refusal) = await OpenInvitationAsync(token, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var v = new Validator().Optional("comment", request.Comment, MaxComment);
        if (request.Rating is not (>= 1 and <= 5))
        {
            v.Add("rating", "rating is required, from 1 (not at all satisfied) to 5 (very satisfied).");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var number = await db.Incidents.Where(i => i.Id == invitation!.IncidentId).Select(i => i.Number).FirstAsync(ct);
        var now = time.GetUtcNow();
        invitation!.Answer(request.Rating!.Value, request.Comment, now);
        timeline.Append(invitation.IncidentId, TimelineKinds.SurveyAnswered, $"The customer rated the handling {request.Rating}/5.", "customer");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Two answers at once: the other one was saved first.
            return Answered();
        }
        return new SurveyAnswerView(number, invitation.Rating!.Value, invitation.Comment, now);
    }

    private async Task<(SurveyInvitation?, Refusal?)> OpenInvitationAsync(string token, CancellationToken ct)
    {
        var hash = token.Length is > 0 and <= 100 ? SurveyInvitation.Hash(token) : "";
        var invitation = await db.SurveyInvitations.FirstOrDefaultAsync(s => s.TokenHash == hash, ct);
        if (invitation is null)
        {
            return (null, new Refusal(StatusCodes.Status404NotFound, "Not found", "This survey link is not known."));
        }
        if (invitation.AnsweredAt is not null)
        {
            return (null, Answered());
        }
        if (invitation.IsExpired(time.GetUtcNow()))
        {
            return (null, new Refusal(StatusCodes.Status410Gone, "The survey has expired", $"This survey link expired at {invitation.ExpiresAt:u}."));
        }
        return (invitation, null);
    }

    private static Refusal Answered() =>
        Refusal.Conflict("This survey has already been answered; a link works once.", "The survey has already been answered");
}
