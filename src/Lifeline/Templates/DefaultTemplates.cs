namespace Lifeline.Templates;

/// <summary>
/// The templates every database starts with. The three e-mails are the seed procedure's word for
/// word; only its placeholders became variables (the system name, the ticket number, what the issue
/// is isolated to and when it should be resolved, the resolution, the incident manager's signature
/// and the help desk contact), so the directors read what they are used to reading.
/// </summary>
public static class DefaultTemplates
{
    // The seed's signature block, filled from the directory: the incident manager, or Incident Manager 1.
    private const string Signature =
        "Regards,\n\n" +
        "{{ manager.name }}\n" +
        "{{ manager.title }}\n" +
        "Office Phone Number: {{ manager.office_phone }}\n" +
        "Cell Phone Number: {{ manager.cell_phone }}\n" +
        "<mailto:{{ manager.email }}>\n";

    public static IReadOnlyList<DefaultTemplate> All { get; } =
    [
        new(TemplateKeys.Initial, "Initial e-mail notification to the directors (seed procedure).",
            "Severity {{ incident.severity }} Service Disruption Notification – Ticket #{{ incident.number }}",
            "This is to inform you of the {{ service.name }} service disruption. DOIT technical resources are currently working to resolve this issue. We will keep you informed of our progress.\n\n" +
            "Thank you for your patience.\n\n" + Signature,
            "{{ incident.number }} Severity {{ incident.severity }}: {{ service.name }} service disruption. We are working to resolve it and will keep you informed."),
        new(TemplateKeys.StatusUpdate, "Status update e-mail notification (seed procedure).",
            "Severity {{ incident.severity }} Service Disruption Update – Ticket #{{ incident.number }}",
            "This is an update on the {{ service.name }} service disruption. DOIT technical resources " +
            "{% if update.isolated_to %}have isolated the issue to {{ update.isolated_to }}{% else %}are working to isolate the issue{% endif %}" +
            "{% if update.expected_resolution %} and expect a resolution by {{ update.expected_resolution }}{% endif %}. We will keep you informed of our progress.\n\n" +
            "Thank you for your patience.\n\n" + Signature,
            "{{ incident.number }} update: {{ service.name }}{% if update.isolated_to %} isolated to {{ update.isolated_to }}{% endif %}{% if update.expected_resolution %}, resolution expected by {{ update.expected_resolution }}{% endif %}."),
        new(TemplateKeys.Resolution, "Resolution e-mail notification (seed procedure).",
            "Severity {{ incident.severity }} Service Disruption Update – Ticket #{{ incident.number }}",
            "The incident regarding {{ service.name }} has been resolved. The resolution {{ incident.resolution }}.\n\n" +
            "Should you require additional follow-up on this incident, or feel the incident has not been resolved to your satisfaction, please contact the DOIT Help Desk at {{ help_desk.phone }} or via e-mail to {{ help_desk.email }}.\n\n" +
            "Thank you for your patience during this service disruption.\n\n" + Signature,
            "{{ incident.number }} resolved: {{ service.name }}. Help desk: {{ help_desk.phone }}."),
        new(TemplateKeys.TierPage, "Page to a tier of the escalation policy (Incident Manager 1, its backups).",
            "{{ incident.number }} Severity {{ incident.severity }}: {{ service.name }} – please acknowledge",
            "{{ recipient.name }},\n\n" +
            "{{ incident.number }} is a Severity {{ incident.severity }} incident: {{ incident.title }} (service: {{ service.name }}).\n\n" +
            "Please acknowledge{% if ack_link %} here: {{ ack_link }}\nor{% endif %} reply {{ ack_code }} to the text message.\n\n" +
            "{% if bridge.dial_in %}Conference bridge: {{ bridge.dial_in }}{% if bridge.pin %}, PIN {{ bridge.pin }}{% endif %}{% if bridge.link %}, {{ bridge.link }}{% endif %}\n{% endif %}" +
            "{% if incident_link %}\nThe incident in Lifeline: {{ incident_link }}\n{% endif %}",
            "{{ incident.number }} Severity {{ incident.severity }}: {{ service.name }} down. Reply {{ ack_code }} to acknowledge{% if incident_link %} {{ incident_link }}{% endif %}"),
        new(TemplateKeys.ChannelPost, "Post to a chat channel that an escalation tier names (a team's channel, the major incidents channel).",
            "{{ incident.number }} Severity {{ incident.severity }}: {{ service.name }} – {{ incident.title }}",
            "{{ incident.number }} is a Severity {{ incident.severity }} incident: {{ incident.title }} (service: {{ service.name }}).\n\n" +
            "{% if team.name %}{{ team.name }} is being paged.{% else %}The people on call are being paged.{% endif %} Acknowledge from your own page, not in this channel.\n" +
            "{% if bridge.dial_in %}Conference bridge: {{ bridge.dial_in }}{% if bridge.pin %}, PIN {{ bridge.pin }}{% endif %}{% if bridge.link %}, {{ bridge.link }}{% endif %}\n{% endif %}" +
            "{% if incident_link %}\nThe incident in Lifeline: {{ incident_link }}\n{% endif %}",
            "{{ incident.number }} Severity {{ incident.severity }}: {{ service.name }} – {{ incident.title }}{% if incident_link %} {{ incident_link }}{% endif %}"),
        new(TemplateKeys.Level2Page, "Page to a Level 2 group named by the incident manager: ticket number and conference bridge.",
            "{{ incident.number }}: Level 2 {{ team.name }} needed on the bridge",
            "{{ recipient.name }},\n\n" +
            "The incident manager has engaged {{ team.name }} for {{ incident.number }}, a Severity {{ incident.severity }} incident: {{ incident.title }} (service: {{ service.name }}).\n\n" +
            "Please call the conference bridge as soon as possible: {{ bridge.dial_in }}{% if bridge.pin %}, PIN {{ bridge.pin }}{% endif %}.\n" +
            "{% if bridge.link %}Bridge link: {{ bridge.link }}\n{% endif %}" +
            "{% if ack_link %}\nAcknowledge for {{ team.name }}: {{ ack_link }}\n{% endif %}" +
            "{% if incident_link %}The incident in Lifeline: {{ incident_link }}\n{% endif %}",
            "{{ incident.number }} Level 2 {{ team.name }}: call bridge {{ bridge.dial_in }}{% if bridge.pin %} PIN {{ bridge.pin }}{% endif %}{% if bridge.link %} {{ bridge.link }}{% endif %}. Reply {{ ack_code }} to acknowledge"),
        new(TemplateKeys.UpdateReminder, "Reminder to the incident manager that a status update is due.",
            "{{ incident.number }}: a status update is due",
            "{{ recipient.name }},\n\nNo status update has been posted for {{ incident.number }} ({{ service.name }}, Severity {{ incident.severity }}) within its update target. " +
            "Please post one so the directors can be informed.\n",
            "{{ incident.number }}: status update due. Please post one."),
        new(TemplateKeys.QueueNotice, "Notice that an incident waits in a team's queue because nobody could be paged.",
            "{{ incident.number }} is waiting in the queue",
            "{{ incident.number }} ({{ incident.title }}, service {{ service.name }}, Severity {{ incident.severity }}) could not be paged to anyone and waits in the queue for {{ team.name }}.\n",
            "{{ incident.number }} waits in the {{ team.name }} queue."),
        new(TemplateKeys.SurveyInvitation, "Customer satisfaction survey after the ticket is closed.",
            "How did we do? Ticket #{{ incident.number }}",
            "{% if recipient.name %}{{ recipient.name }},\n\n{% endif %}Your ticket {{ incident.number }} ({{ service.name }}) is closed. Please tell us how satisfied you are with how it was handled" +
            "{% if survey_link %}: {{ survey_link }}{% else %}.{% endif %}\n",
            "Ticket {{ incident.number }} is closed. How did we do?{% if survey_link %} {{ survey_link }}{% endif %}"),
        new(TemplateKeys.EscalationExhausted, "Alarm to the help desk and the service-area manager: an escalation reached the end of its policy and nobody acknowledged.",
            "UNANSWERED: {{ incident.number }} Severity {{ incident.severity }} - nobody acknowledged",
            "{% if recipient.name %}{{ recipient.name }},\n\n{% endif %}Every tier of the escalation for {{ incident.number }} ({{ incident.title }}, service {{ service.name }}, Severity {{ incident.severity }}) " +
            "was paged and nobody acknowledged. Call the Severity 1 contacts by hand now and name an incident manager.\n" +
            "{% if incident_link %}The incident in Lifeline: {{ incident_link }}\n{% endif %}",
            "UNANSWERED {{ incident.number }} Sev {{ incident.severity }} {{ service.name }}: nobody acknowledged. Call the Severity 1 contacts by hand now."),
        new(TemplateKeys.TestMessage, "Test message that verifies a contact method before an emergency.",
            "Lifeline test message",
            "{% if recipient.name %}{{ recipient.name }},\n\n{% endif %}This is a test message from Lifeline. It proves this address reaches you; no action is needed.\n",
            "Lifeline test message: this number reaches you. No action needed."),
        new(TemplateKeys.VerificationCode, "Self-service: the code a person types back in Lifeline to verify a contact method.",
            "Your Lifeline verification code",
            "{% if recipient.name %}{{ recipient.name }},\n\n{% endif %}Your Lifeline verification code is {{ verification_code }}. " +
            "Type it in Lifeline within 10 minutes to confirm this address reaches you. If you did not ask for it, ignore this message.\n",
            "Your Lifeline verification code is {{ verification_code }}. It expires in 10 minutes."),
        new(TemplateKeys.ShiftNotice, "On-call schedules: your shift is coming or starts now; to admins, nobody is on call soon.",
            "Lifeline on call",
            "{% if recipient.name %}{{ recipient.name }},\n\n{% endif %}{{ instruction }}\n",
            "{{ instruction }}"),
        new(TemplateKeys.DrillFollowUp, "Drills: to a person the drill could not reach, or whose contact methods it found wanting: what to fix.",
            "Lifeline drill: please check your contact methods",
            "{% if recipient.name %}{{ recipient.name }},\n\n{% endif %}{{ instruction }}\n",
            "{{ instruction }}"),
        new(TemplateKeys.TargetBreached, "To the incident manager and the help desk lead: a service-level target (acknowledge or resolve) was breached.",
            "{{ incident.number }}: Severity {{ incident.severity }} service level breached",
            "{% if recipient.name %}{{ recipient.name }},\n\n{% endif %}{{ incident.number }} ({{ incident.title }}, service {{ service.name }}, Severity {{ incident.severity }}) breached a service-level target.\n\n{{ instruction }}\n" +
            "{% if incident_link %}\nThe incident in Lifeline: {{ incident_link }}\n{% endif %}",
            "{{ incident.number }} Sev {{ incident.severity }} SLA breached: {{ instruction }}"),
    ];
}

/// <summary>One template as the database starts with it.</summary>
public sealed record DefaultTemplate(string Key, string Description, string Subject, string TextBody, string ShortForm);
