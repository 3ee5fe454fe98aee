namespace Lifeline.Cli.Api;

/// <summary>Checks a server address given by the user: an absolute http(s) URL, kept without a trailing slash.</summary>
public static class ServerAddress
{
    public static string Normalise(string server)
    {
        var trimmed = server.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            throw new CliFailure($"'{server}' is not a server address: write it as http://host:port or https://host", ExitCodes.Failure);
        }
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new CliFailure($"'{server}' is not a server address: write it as http://host:port or https://host", ExitCodes.Failure);
        }
        return trimmed.TrimEnd('/');
    }
}
