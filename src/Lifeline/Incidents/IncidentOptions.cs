using System.ComponentModel.DataAnnotations;

namespace Lifeline.Incidents;

/// <summary>The <c>Lifeline:Incidents</c> section: the bridge used when a service area has none, and survey links.</summary>
public sealed class IncidentOptions
{
    public const string Section = "Lifeline:Incidents";

    public BridgeOptions DefaultBridge { get; set; } = new();

    /// <summary>How long a customer satisfaction survey link works.</summary>
    [Range(1, 365)]
    public int SurveyValidDays { get; set; } = 14;

    public sealed class BridgeOptions
    {
        public string? DialIn { get; set; }
        public string? Pin { get; set; }
        public string? Link { get; set; }
    }
}
