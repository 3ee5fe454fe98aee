namespace Lifeline.Server;

/// <summary>
/// The <c>Lifeline:ForwardedHeaders</c> section: the TLS-terminating proxies (load balancers) whose <c>X-Forwarded-For</c>
/// and <c>X-Forwarded-Proto</c> Lifeline believes. Without any, the headers are ignored: anyone could otherwise claim to
/// be another client address (the sign-in throttle and the audit log key on it) or to have come over HTTPS.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "Lifeline:ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}
