namespace Lifeline.Access;

public static class AccessPolicies
{
    /// <summary>Changing the directory, accounts and settings.</summary>
    public const string Administer = "Administer";

    /// <summary>Opening and closing incidents: the seed's Level 1 technician (and admins).</summary>
    public const string OpenAndCloseIncidents = "OpenAndCloseIncidents";

    /// <summary>Acknowledging, status updates, naming Level 2 teams, resolving: the incident manager (and admins).</summary>
    public const string RunIncidents = "RunIncidents";

    /// <summary>Re-classifying, assigning the incident manager, reopening, manual logs: either of the two above.</summary>
    public const string TriageIncidents = "TriageIncidents";

    /// <summary>Reading the reports: incident managers, admins, directors (stakeholders) and viewers.</summary>
    public const string ReadReports = "ReadReports";
}
