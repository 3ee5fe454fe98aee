namespace Lifeline.Templates;

/// <summary>
/// A template that ran into one of the <see cref="RenderLimits"/> or its part's size: on save it is refused
/// beside the field; at dispatch it fails its one notification permanently, so the fallback channel takes over.
/// </summary>
public sealed class RenderLimitException(string template, string limit, bool outOfTime)
    : Exception($"The template '{template}' exceeded its render limit: {limit}.")
{
    public string Limit { get; } = limit;

    /// <summary>It ran out of time, the one limit that costs the others in a batch: the dispatcher does not try it again in the same batch.</summary>
    public bool OutOfTime { get; } = outOfTime;
}
