namespace Lifeline.Notifications.Webhooks;

/// <summary>A webhook's host resolved to an address <see cref="WebhookAddressPolicy"/> refuses; thrown before any connection is made.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);
