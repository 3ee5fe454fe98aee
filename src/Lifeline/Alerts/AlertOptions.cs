using System.ComponentModel.DataAnnotations;

namespace Lifeline.Alerts;

/// <summary>The <c>Lifeline:Alerts</c> settings.</summary>
public sealed class AlertOptions
{
    public const string Section = "Lifeline:Alerts";

    /// <summary>
    /// Events taken in at once; more wait in a queue. They hold no database connection while they wait for their group
    /// commit (<see cref="AlertGroupCommit"/>), so this bounds memory and the size of a group, not connections.
    /// </summary>
    [Range(1, 4096)]
    public int ConcurrentEvents { get; set; } = 256;

    /// <summary>The most events committed in one transaction (1: each on its own).</summary>
    [Range(1, 1000)]
    public int GroupCommitEvents { get; set; } = 200;

    /// <summary>Events that wait for a turn before senders are told 429.</summary>
    [Range(0, 100_000)]
    public int QueuedEvents { get; set; } = 2048;

    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
