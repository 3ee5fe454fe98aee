namespace Lifeline.Notifications.Webhooks;

/// <summary>The <c>Lifeline:Webhooks</c> section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Lifeline:Webhooks";

    /// <summary>The shared secret generic webhooks are signed with (<c>X-Lifeline-Signature</c>). Without it they go out unsigned.</summary>
    public string? SigningSecret { get; set; }
}
