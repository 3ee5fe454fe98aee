using System.ComponentModel.DataAnnotations;

namespace Lifeline.Server;

/// <summary>The <c>Lifeline:Https</c> section: HTTP Strict Transport Security for a server reached over HTTPS.</summary>
public sealed class HttpsOptions
{
    public const string Section = "Lifeline:Https";

    /// <summary>Send <c>Strict-Transport-Security</c> on HTTPS answers (off by default: once a browser has it, plain HTTP to the host stops working).</summary>
    public bool Hsts { get; set; }

    [Range(typeof(TimeSpan), "00:05:00", "730.00:00:00")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    public bool HstsIncludeSubDomains { get; set; }
}
