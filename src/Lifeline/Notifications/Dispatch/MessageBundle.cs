using Lifeline.Notifications.Delivery;

namespace Lifeline.Notifications.Dispatch;

/// <summary>Several rendered messages for one destination as one message that lists them all.</summary>
public static class MessageBundle
{
    public static RenderedMessage Combine(IReadOnlyList<RenderedMessage> messages)
    {
        if (messages.Count == 1)
        {
            return messages[0];
        }
        var count = messages.Count;
        return new RenderedMessage(
            $"{count} Lifeline notifications: " + string.Join("; ", messages.Select(m => m.Subject)),
            string.Join("\n\n----------\n\n", messages.Select((m, i) => $"({i + 1} of {count})\n{m.Text}")),
            messages.All(m => m.Html is not null) ? string.Join("<hr>", messages.Select(m => m.Html)) : null,
            $"{count} messages: " + string.Join(" | ", messages.Select(m => m.Short)),
            messages.Select(m => m.Link).Distinct().Count() == 1 ? messages[0].Link : null);
    }
}
