namespace Lifeline.Access;

/// <summary>The account roles, and which of them may see contact details in clear.</summary>
public static class LifelineRoles
{
    public const string Admin = "Admin";
    public const string Level1Technician = "Level1Technician";
    public const string IncidentManager = "IncidentManager";
    public const string Responder = "Responder";
    public const string Stakeholder = "Stakeholder";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Level1Technician, IncidentManager, Responder, Stakeholder, Viewer];

    /// <summary>The seed's "Severity 1 contact list ... for Level 1 use only", plus the people who run the incident.</summary>
    public static readonly IReadOnlyList<string> ContactDataReaders = [Admin, Level1Technician, IncidentManager];

    /// <summary>Who may change the directory, accounts and settings (<see cref="AccessPolicies.Administer"/>).</summary>
    public static readonly IReadOnlyList<string> Administrators = [Admin];

    /// <summary>Who may open and close incidents (<see cref="AccessPolicies.OpenAndCloseIncidents"/>).</summary>
    public static readonly IReadOnlyList<string> IncidentDesk = [Level1Technician, Admin];

    /// <summary>Who runs an incident: acknowledge, status updates, Level 2 teams, resolve (<see cref="AccessPolicies.RunIncidents"/>).</summary>
    public static readonly IReadOnlyList<string> IncidentRunners = [IncidentManager, Admin];

    /// <summary>Who may re-classify, assign the incident manager, reopen, import manual logs, escalate now (<see cref="AccessPolicies.TriageIncidents"/>).</summary>
    public static readonly IReadOnlyList<string> Triage = [Level1Technician, IncidentManager, Admin];

    /// <summary>
    /// Who reads the reports (<see cref="AccessPolicies.ReadReports"/>): the incident managers and admins who run the
    /// procedure, and the directors (stakeholders) and viewers it answers to. Reports name people but show no contact value.
    /// </summary>
    public static readonly IReadOnlyList<string> ReportReaders = [IncidentManager, Admin, Stakeholder, Viewer];

    public static string? Normalise(string role) =>
        All.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase));
}
