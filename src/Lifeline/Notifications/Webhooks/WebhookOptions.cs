namespace Lifeline.Notifications.Webhooks;

/// <summary>The <c>Lifeline:Webhooks</c> section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Lifeline:Webhooks";

    /// <summary>The shared secret generic webhooks are signed with (<c>X-Lifeline-Signature</c>). Without it they go out unsigned.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>
    /// Accept <c>http://</c> webhook URLs as well as <c>https://</c>. Off in production: a page in clear text can be read
    /// and changed on the way, and the Slack and Teams URLs carry their token. The tests turn it on for their local receiver.
    /// </summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>
    /// Let webhooks reach loopback addresses (127.0.0.0/8, ::1). Off in production: a contact method pointing at the server's
    /// own machine would let anyone who may edit contact methods make Lifeline post to services listening only locally.
    /// Private, link-local and the other internal ranges stay refused whatever this says.
    /// </summary>
    public bool AllowLoopback { get; set; }
}
