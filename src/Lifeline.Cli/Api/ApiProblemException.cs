namespace Lifeline.Cli.Api;

/// <summary>The server answered with an error (an RFC 9457 problem or, failing that, a bare status).</summary>
public sealed class ApiProblemException(int status, string message) : CliFailure(message, ExitCodes.Failure)
{
    public int Status { get; } = status;
}
