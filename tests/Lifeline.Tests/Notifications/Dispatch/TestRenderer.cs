using Lifeline.Notifications;
using Lifeline.Notifications.Delivery;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Tests.Notifications.Dispatch;

/// <summary>A stand-in for the template renderer (another part of the product): the template, the incident number and the reply code.</summary>
public sealed class TestRenderer(LifelineDbContext db) : IMessageRenderer
{
    public async Task<RenderedMessage> RenderAsync(Notification notification, CancellationToken ct)
    {
        var incident = notification.IncidentId is { } id ? await db.Incidents.AsNoTracking().FirstAsync(i => i.Id == id, ct) : null;
        var prefix = incident?.IsDrill == true ? "[DRILL] " : "";
        var number = incident?.Number ?? "no incident";
        var code = incident is null ? "" : $" Reply 4 {long.Parse(number[(number.LastIndexOf('-') + 1)..])} to acknowledge.";
        return new RenderedMessage($"{prefix}{notification.Template} {number}", $"{prefix}{notification.Template} about {number}.", null,
            $"{prefix}{number} {notification.Template}.{code}");
    }
}
