using System.Globalization;
using Lifeline.Access;
using Lifeline.Communication;
using Lifeline.Notifications;
using Lifeline.Severity;
using Lifeline.Shifts;

namespace Lifeline.Letters;

/// <summary>The words the letter, the sheet, their pages and PDFs share, so the HTML and the PDF say the same thing.</summary>
public static class LetterWording
{
    public const string NoDrills = "No drills are scheduled in Lifeline yet.";
    public const string DrillsFromSchedules = "Lifeline runs drills of the escalation procedure on a schedule: every person paged is asked to acknowledge, and is told what to fix when they could not be reached.";

    /// <summary>One drill to come, as the letter's page and PDF list it.</summary>
    public static string NextDrill(LetterDrill drill) =>
        $"{drill.LocalTime} ({drill.TimeZone}): {drill.Service}, escalation policy {drill.Policy} ({drill.Schedule})";

    public static string Edition(LetterEdition edition) => edition == LetterEdition.Full
        ? "full edition: personal contact values in clear, keep it secure"
        : "general edition: personal contact values masked";

    public static string AccountRole(string role) => role switch
    {
        LifelineRoles.Admin => "Administrators",
        LifelineRoles.Level1Technician => "Level 1 technicians (help desk)",
        LifelineRoles.IncidentManager => "Incident managers",
        LifelineRoles.Responder => "Level 2 responders",
        LifelineRoles.Stakeholder => "Directors and other stakeholders",
        LifelineRoles.Viewer => "Viewers",
        _ => role,
    };

    public static string Channel(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Voice => "voice call",
        NotificationChannel.Sms => "SMS",
        NotificationChannel.Email => "e-mail",
        _ => channel.ToString().ToLowerInvariant(),
    };

    public static string Channels(IEnumerable<NotificationChannel> channels) => string.Join(", then ", channels.Select(Channel));

    public static string Minutes(int minutes) =>
        minutes % 1440 == 0 ? Plural(minutes / 1440, "day")
        : minutes % 60 == 0 ? Plural(minutes / 60, "hour")
        : Plural(minutes, "minute");

    public static string Procedure(SeverityProcedure procedure) => procedure == SeverityProcedure.Escalation
        ? "Escalation: the incident manager is paged at once, backups follow, the directors are told"
        : "Normal business process: the owning team's queue, no paging";

    public static string Event(CommunicationEvent e) => e switch
    {
        CommunicationEvent.EscalationStarted => "When escalation starts",
        CommunicationEvent.StatusUpdate => "On each status update",
        _ => "When the incident is resolved",
    };

    public static string Shift(ShiftKind? shift) => shift switch
    {
        ShiftKind.Day => " during the day shift",
        ShiftKind.Off => " off shift",
        _ => "",
    };

    public static string Date(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Levels(IReadOnlyList<int> levels) => levels.Count switch
    {
        0 => "no severity",
        1 => $"Severity {levels[0].ToString(CultureInfo.InvariantCulture)}",
        _ => "Severities " + string.Join(", ", levels.Select(l => l.ToString(CultureInfo.InvariantCulture))),
    };

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString(CultureInfo.InvariantCulture)} {unit}s";
}
