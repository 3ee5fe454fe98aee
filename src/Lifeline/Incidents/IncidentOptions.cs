using System.ComponentModel.DataAnnotations;

namespace Lifeline.Incidents;

/// <summary>The <c>Lifeline:Incidents</c> section: the bridge used when a service area has none, survey links, and how many incidents open at once.</summary>
public sealed class IncidentOptions
{
    public const string Section = "Lifeline:Incidents";

    public BridgeOptions DefaultBridge { get; set; } = new();

    /// <summary>How long a customer satisfaction survey link works.</summary>
    [Range(1, 365)]
    public int SurveyValidDays { get; set; } = 14;

    /// <summary>
    /// Incidents opened through the API at once; more wait their turn in a queue (<see cref="IncidentOpenLimit"/>). A burst
    /// of openings then cannot crowd out the engine paging the incidents already open.
    /// </summary>
    [Range(1, 256)]
    public int ConcurrentOpens { get; set; } = 4;

    /// <summary>Openings that wait for a turn before the caller is told 429 with Retry-After.</summary>
    [Range(0, 100_000)]
    public int QueuedOpens { get; set; } = 1000;

    public sealed class BridgeOptions
    {
        public string? DialIn { get; set; }
        public string? Pin { get; set; }
        public string? Link { get; set; }
    }
}
