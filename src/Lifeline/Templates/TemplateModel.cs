namespace Lifeline.Templates;

/// <summary>
/// Everything a template can see, and nothing else: the renderer fills it from the incident and
/// the directory, the preview from a sample or a real incident. Values are already display text
/// (phone numbers as people write them, times in the recipient's zone) so templates stay simple.
/// </summary>
public sealed record TemplateModel(
    TemplateModel.IncidentPart Incident,
    TemplateModel.ServicePart Service,
    TemplateModel.UpdatePart Update,
    TemplateModel.ContactPart Manager,
    TemplateModel.ContactPart Recipient,
    TemplateModel.TeamPart HelpDesk,
    TemplateModel.TeamPart Team,
    TemplateModel.BridgePart Bridge,
    string? Instruction,
    string? AckLink,
    string? AckCode,
    string? SurveyLink,
    string? IncidentLink = null,
    string? VerificationCode = null)
{
    public sealed record IncidentPart(string? Number, string? Title, int? Severity, string? SeverityName, string? Status, string? Resolution, bool IsDrill);
    public sealed record ServicePart(string? Name);
    public sealed record UpdatePart(string? Text, string? IsolatedTo, string? ExpectedResolution);
    /// <param name="PersonId">Whose values these are (not a template variable): a preview of a real incident logs or masks them.</param>
    public sealed record ContactPart(string? Name, string? Title, string? OfficePhone, string? CellPhone, string? Email, Guid? PersonId = null);
    public sealed record TeamPart(string? Name, string? Phone, string? Email);
    public sealed record BridgePart(string? DialIn, string? Pin, string? Link);

    public static readonly ContactPart NoContact = new(null, null, null, null, null);
    public static readonly TeamPart NoTeam = new(null, null, null);

    /// <summary>A fictitious Severity 1 incident with every value set: previews, and the check that a template only names known variables.</summary>
    public static TemplateModel Sample() => new(
        new IncidentPart("INC-2026-000123", "E-mail is down for everyone", 1, "High", "Escalating", "was a failover to the standby mail store", false),
        new ServicePart("E-mail"),
        new UpdatePart("Failover in progress", "the mail store", "Tuesday, November 24, 2026 3:00 PM (America/New_York)"),
        new ContactPart("Henry Castillo", "Incident Manager 1", "860-555-0206", "860-555-0106", "henry.castillo@example.org"),
        new ContactPart("Grace Okafor", "Director of Operations", "860-555-0205", "860-555-0105", "grace.okafor@example.org"),
        new TeamPart("IT Help Desk", "860-555-0100", "helpdesk@example.org"),
        new TeamPart("Messaging Team", null, "messaging@example.org"),
        new BridgePart("860-555-0150", "314159", "https://bridge.example.org/enterprise"),
        "Please call the CIO and DCIO about this Severity 1 incident, as necessary.",
        "http://localhost:5080/ack/sample-token",
        "4 2026-123",
        "http://localhost:5080/survey/sample-token",
        "http://localhost:5080/incidents/INC-2026-000123",
        "493817");

    /// <summary>The model as Liquid sees it: snake_case names, nested objects.</summary>
    public IReadOnlyDictionary<string, object?> ToVariables() => new Dictionary<string, object?>
    {
        ["incident"] = new Dictionary<string, object?>
        {
            ["number"] = Incident.Number, ["title"] = Incident.Title, ["severity"] = Incident.Severity, ["severity_name"] = Incident.SeverityName,
            ["status"] = Incident.Status, ["resolution"] = Incident.Resolution, ["is_drill"] = Incident.IsDrill,
        },
        ["service"] = new Dictionary<string, object?> { ["name"] = Service.Name },
        ["update"] = new Dictionary<string, object?> { ["text"] = Update.Text, ["isolated_to"] = Update.IsolatedTo, ["expected_resolution"] = Update.ExpectedResolution },
        ["manager"] = Contact(Manager),
        ["recipient"] = Contact(Recipient),
        ["help_desk"] = TeamVariables(HelpDesk),
        ["team"] = TeamVariables(Team),
        ["bridge"] = new Dictionary<string, object?> { ["dial_in"] = Bridge.DialIn, ["pin"] = Bridge.Pin, ["link"] = Bridge.Link },
        ["instruction"] = Instruction,
        ["ack_link"] = AckLink,
        ["ack_code"] = AckCode,
        ["survey_link"] = SurveyLink,
        ["incident_link"] = IncidentLink,
        ["verification_code"] = VerificationCode,
    };

    private static Dictionary<string, object?> Contact(ContactPart c) => new()
    {
        ["name"] = c.Name, ["title"] = c.Title, ["office_phone"] = c.OfficePhone, ["cell_phone"] = c.CellPhone, ["email"] = c.Email,
    };

    private static Dictionary<string, object?> TeamVariables(TeamPart t) => new() { ["name"] = t.Name, ["phone"] = t.Phone, ["email"] = t.Email };
}
