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

    public static string? Normalise(string role) =>
        All.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase));
}
