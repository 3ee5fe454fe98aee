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
}
