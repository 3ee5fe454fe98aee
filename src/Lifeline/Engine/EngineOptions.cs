using System.ComponentModel.DataAnnotations;

namespace Lifeline.Engine;

/// <summary>The <c>Lifeline:Engine</c> section.</summary>
public sealed class EngineOptions
{
    public const string Section = "Lifeline:Engine";

    /// <summary>Run the engine loop in this instance. Tests turn it off and drive passes themselves.</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>The longest the loop sleeps: how late another instance's new work or a due step can be found.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Jobs claimed and carried out in one transaction.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// On PostgreSQL, batches carried out at once by this instance, each claiming its own jobs (SKIP LOCKED), as several
    /// instances would. A step is a dozen statements, each a round trip; one batch at a time leaves the engine one flow
    /// among the many requests that share the processor, and due steps fell behind a burst of new incidents (tier 2 of
    /// 10,000 incidents opened at 83 a second fired up to 59 s late). SQLite has one writer, so there it is always one.
    /// </summary>
    [Range(1, 32)]
    public int PostgresWorkers { get; set; } = 4;
}
