namespace Lifeline.Notifications.Delivery;

/// <summary>One notification's rendering in a batch: the message, or why it could not be made.</summary>
public sealed record Rendering(RenderedMessage? Message, Exception? Error);
