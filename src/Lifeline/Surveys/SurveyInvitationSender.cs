using Lifeline.Directory.People;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Storage;
using Microsoft.Extensions.Options;
using Lifeline.Templates;

namespace Lifeline.Surveys;

/// <summary>
/// On close, sends the customer the satisfaction survey link (the seed: "contact the customer(s) to
/// perform Customer Satisfaction Survey"): by e-mail when the reporter left an address, by SMS when
/// they left a cell number; otherwise the timeline says to give them the link by hand.
/// </summary>
public sealed class SurveyInvitationSender(LifelineDbContext db, ContactValueRules rules, IncidentTimeline timeline,
    IOptions<Lifeline.Notifications.Links.LinkOptions> links, Lifeline.Notifications.Links.StoredLinks storedLinks, TimeProvider time) : IIncidentObserver
{
    public const string Template = TemplateKeys.SurveyInvitation;

    public Task OnIncidentChangedAsync(IncidentChange change, CancellationToken ct)
    {
        if (change.Kind != IncidentChangeKind.Closed || change.SurveyToken is not { } token)
        {
            return Task.CompletedTask;
        }
        var incident = change.Incident;
        var who = incident.ReporterName ?? "the reporter";
        if (change.Quiet)
        {
            timeline.Append(incident.Id, SurveyTimelineKinds.SurveyInvitation,
                $"Closed from a manual log without notifying: no survey invitation was sent; give {who} the survey link from the close response.", "engine");
            return Task.CompletedTask;
        }
        var contact = incident.ReporterContact;
        (NotificationChannel Channel, string Address)? to = null;
        if (ContactValueRules.TryEmail(contact, out var email, out _))
        {
            to = (NotificationChannel.Email, email);
        }
        else if (rules.TryPhone(contact, out var phone, out _))
        {
            to = (NotificationChannel.Sms, phone);
        }
        if (to is not (var channel, var address))
        {
            timeline.Append(incident.Id, SurveyTimelineKinds.SurveyInvitation, $"{who} left no e-mail address or phone number: give them the survey link from the close response.", "engine");
            return Task.CompletedTask;
        }
        var link = SurveyLinks.UrlFor(links.Value.PublicUrl, token);
        db.Notifications.Add(Notification.ToAddress($"survey:{incident.Id:N}:{change.At.UtcTicks}", incident.Id, channel, address, Template,
            time.GetUtcNow(), link: storedLinks.Protect(link)));
        timeline.Append(incident.Id, SurveyTimelineKinds.SurveyInvitation, $"Survey invitation queued for {who} by {channel}.", "engine");
        return Task.CompletedTask;
    }
}
