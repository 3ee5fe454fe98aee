namespace Lifeline.Notifications.Delivery;

/// <summary>
/// A notification rendered from its template: <see cref="Subject"/> and <see cref="Text"/> (and
/// <see cref="Html"/>) for e-mail and chat, <see cref="Short"/> for SMS and voice (a few hundred
/// characters, the acknowledgement code included). Drill incidents are prefixed with [DRILL]. <see cref="Link"/> is the
/// incident's page, for channels that show it as a button (chat cards).
/// </summary>
public sealed record RenderedMessage(string Subject, string Text, string? Html, string Short, string? Link = null);
