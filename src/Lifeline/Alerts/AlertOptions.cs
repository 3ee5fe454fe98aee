using System.ComponentModel.DataAnnotations;

namespace Lifeline.Alerts;

/// <summary>The <c>Lifeline:Alerts</c> settings.</summary>
public sealed class AlertOptions
{
    public const string Section = "Lifeline:Alerts";

    /// <summary>Events worked on at once (each holds a database connection while it commits).</summary>
    [Range(1, 1024)]
    public int ConcurrentEvents { get; set; } = 32;

    /// <summary>Events that wait for a turn before senders are told 429.</summary>
    [Range(0, 100_000)]
    public int QueuedEvents { get; set; } = 2048;

    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
