namespace Lifeline.Templates;

/// <summary>
/// What one rendering may cost. A template is edited by an admin and rendered by the dispatcher for every
/// page, so a loop or a doubling capture in it must fail that one message quickly, never stall the others
/// or the process. Each limit is far above what a real message needs: the longest default template
/// renders in well under a millisecond to a few hundred characters, with no loop at all.
/// </summary>
public static class RenderLimits
{
    /// <summary>Items in one <c>for</c> loop (DotLiquid's own check); nested loops are held by <see cref="Time"/>.</summary>
    public const int MaxIterations = 1000;

    /// <summary>Blocks open inside one another; Liquid here has no includes, so nesting is its only recursion.</summary>
    public const int MaxNesting = 16;

    /// <summary>
    /// The longest string a variable (assign, capture) or one filter may produce. Without it a capture that
    /// doubles itself, or <c>replace</c> and <c>join</c> with a long argument, grow past memory within one
    /// step, before any time check runs.
    /// </summary>
    public const int MaxValueChars = 64 * 1024;

    /// <summary>
    /// All the parts of one message together, measured on the wall clock. A real render takes well under a
    /// millisecond; a second leaves room for a busy machine's pauses (a render that runs out of time fails its
    /// page to the fallback channel, so a false alarm is costly), and is the most one broken template can add to
    /// a batch of pages, since the dispatcher does not try it again in the same batch.
    /// </summary>
    public static readonly TimeSpan Time = TimeSpan.FromSeconds(1);
}
