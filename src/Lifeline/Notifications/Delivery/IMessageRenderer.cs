namespace Lifeline.Notifications.Delivery;

/// <summary>Turns an outbox notification into the words that are sent, from its template and its incident.</summary>
public interface IMessageRenderer
{
    Task<RenderedMessage> RenderAsync(Notification notification, CancellationToken ct);

    /// <summary>
    /// Several at once (what one dispatch claim took), in their order; one that cannot be rendered
    /// gets its error and does not stop the others. This default renders them one after another; a
    /// renderer that reads a database should read what they share once.
    /// </summary>
    async Task<IReadOnlyList<Rendering>> RenderAllAsync(IReadOnlyList<Notification> notifications, CancellationToken ct)
    {
        var results = new List<Rendering>(notifications.Count);
        foreach (var notification in notifications)
        {
            try
            {
                results.Add(new Rendering(await RenderAsync(notification, ct), null));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                results.Add(new Rendering(null, e));
            }
        }
        return results;
    }
}
