using Lifeline.Api;
using Lifeline.Incidents;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>Reading alerts: what monitoring sent, for the API and the incident page.</summary>
public sealed class AlertList(LifelineDbContext db)
{
    public async Task<Page<AlertView>> ListAsync(PageQuery query, Guid? serviceId, string? incidentNumber, CancellationToken ct)
    {
        var alerts = db.Set<Alert>().AsNoTracking();
        if (serviceId is { } service)
        {
            alerts = alerts.Where(a => a.ServiceId == service);
        }
        if (!string.IsNullOrWhiteSpace(incidentNumber))
        {
            var number = IncidentNumbers.Normalise(incidentNumber);
            var incidentId = await db.Incidents.Where(i => i.Number == number).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
            alerts = alerts.Where(a => a.IncidentId == incidentId);
        }
        var numbers = db.Incidents.AsNoTracking();
        return await Page<AlertView>.ReadAsync(alerts.OrderByDescending(a => a.FirstSeenAt).ThenByDescending(a => a.Id), query, async page =>
        {
            var ids = page.Where(a => a.IncidentId != null).Select(a => a.IncidentId!.Value).Distinct().ToList();
            var byId = await numbers.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, ct);
            return page.Select(a => new AlertView(a.Id, a.ServiceId, a.DedupKey, a.Status, a.Origin, a.Summary, a.Source, a.Severity, a.Component, a.Group,
                a.Class, a.Labels, a.Details, a.Links, a.Images, a.Count, a.DetectedAt, a.FirstSeenAt, a.LastSeenAt, a.AcknowledgedAt, a.ResolvedAt,
                a.IncidentId is { } id && byId.TryGetValue(id, out var n) ? n : null)).ToList();
        }, ct);
    }
}
