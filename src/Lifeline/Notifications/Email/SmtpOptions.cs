namespace Lifeline.Notifications.Email;

/// <summary>
/// The <c>Lifeline:Smtp</c> section. Without a host, messages are written as .eml files to
/// <c>&lt;data directory&gt;/outbox</c> instead, so a fresh install still shows what it would send.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Lifeline:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Lifeline <lifeline@localhost>";
    /// <summary>STARTTLS (or TLS from the start on port 465); off only for a relay on the same host.</summary>
    public bool UseTls { get; set; } = true;
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
