namespace Lifeline.Cli.Api;

/// <summary>
/// The server could not be reached at all (refused, unknown host, timed out), as opposed to a server
/// that answered with an error. Exit code 2, so scripts and the offline manual log can tell the two apart.
/// </summary>
public sealed class ServerUnreachableException(string server, string reason, Exception? inner = null)
    : CliFailure($"cannot reach {server}: {reason}", ExitCodes.Unreachable)
{
    public string Server { get; } = server;
    public string Reason { get; } = reason;
    public Exception? Cause { get; } = inner;
}
