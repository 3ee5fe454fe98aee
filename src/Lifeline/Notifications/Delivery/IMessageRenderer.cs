namespace Lifeline.Notifications.Delivery;

/// <summary>Turns an outbox notification into the words that are sent, from its template and its incident.</summary>
public interface IMessageRenderer
{
    Task<RenderedMessage> RenderAsync(Notification notification, CancellationToken ct);
}
