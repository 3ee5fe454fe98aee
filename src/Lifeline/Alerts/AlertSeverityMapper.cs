using Lifeline.Severity;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Alerts;

/// <summary>
/// The incident severity for an alert: the first matching <see cref="AlertRule"/>; without one, the alert's own
/// severity read as impact and state and put through the classification rules, so a monitoring alert on a major
/// enterprise service is classified as the help desk would classify the same outage.
/// </summary>
public sealed class AlertSeverityMapper(LifelineDbContext db)
{
    public sealed record Mapping(int? Severity, ImpactScope? Scope, ServiceState? State, string Reason);

    public async Task<Mapping> MapAsync(Guid serviceId, Alert alert, CancellationToken ct)
    {
        var rules = await db.Set<AlertRule>().AsNoTracking().Where(r => r.ServiceId == null || r.ServiceId == serviceId)
            .OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        if (rules.FirstOrDefault(r => r.Matches(serviceId, alert.Severity, alert.Source, alert.Labels)) is { } rule)
        {
            return new Mapping(rule.Severity, null, null, $"alert rule '{rule.Name}'");
        }
        var (scope, state) = alert.Severity switch
        {
            "critical" => (ImpactScope.MajorityOrTotal, ServiceState.Down),
            "error" => (ImpactScope.SmallGroup, ServiceState.Down),
            "warning" => (ImpactScope.SmallGroup, ServiceState.Degraded),
            _ => (ImpactScope.SingleUser, ServiceState.Degraded),
        };
        return new Mapping(null, scope, state, $"alert severity {alert.Severity} read as {scope}, {state}");
    }
}
