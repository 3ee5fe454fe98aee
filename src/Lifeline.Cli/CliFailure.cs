namespace Lifeline.Cli;

/// <summary>A failure the user should read as one plain sentence (never a stack trace), with the exit code to end with.</summary>
public class CliFailure(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
