using Lifeline.Directory.Organisations;
using Lifeline.Directory.Services;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Severity;

/// <summary>Proposes a severity from the classification rules: in order, first match wins.</summary>
public sealed class SeverityClassifier(LifelineDbContext db)
{
    public async Task<Classification> ClassifyAsync(Service service, Organisation? organisation, ImpactScope scope, ServiceState state, CancellationToken ct)
    {
        var rules = await db.ClassificationRules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(ct);
        var input = new ClassificationInput(service.Name, service.IsMajorEnterpriseService, service.IsPublicFacing,
            scope, state, organisation?.IsVip ?? false, organisation?.Name);
        var rule = rules.FirstOrDefault(r => r.Matches(input));
        if (rule is not null)
        {
            return new Classification(rule.Severity, rule.Explain(input), rule.Id, rule.Name);
        }
        // Admins may have removed the catch-all rule: the least severe level keeps the incident in
        // the normal process rather than paging people on a guess.
        var lowest = await db.SeverityLevels.AsNoTracking().MaxAsync(l => (int?)l.Level, ct) ?? 3;
        return new Classification(lowest, $"No classification rule matched {service.Name}; proposing the lowest severity → Severity {lowest}", null, null);
    }
}
