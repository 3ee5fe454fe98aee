namespace Lifeline.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server answered with an error, or the command was used wrongly.</summary>
    public const int Failure = 1;

    /// <summary>The server could not be reached: the caller may fall back to working offline.</summary>
    public const int Unreachable = 2;

    /// <summary>The server could not be reached and the action was written to the offline journal (<c>lifeline sync</c> sends it).</summary>
    public const int Journalled = 3;

    public const int Cancelled = 130;
}
