using Lifeline.Api;
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

    /// <summary>
    /// Proposes a severity for a service named by id, with the level's name and procedure: what a help desk asks
    /// before opening an incident. Refused when the service, the organisation, the scope or the state is unknown.
    /// </summary>
    public async Task<Outcome<ClassificationView>> ProposeAsync(ClassifyRequest request, CancellationToken ct)
    {
        var v = new Validator();
        var service = request.ServiceId is { } serviceId ? await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId, ct) : null;
        if (service is null)
        {
            v.Add("serviceId", request.ServiceId is null ? "serviceId is required." : $"No service with id {request.ServiceId}.");
        }
        var organisation = request.OrganisationId is { } organisationId ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct) : null;
        if (request.OrganisationId is not null && organisation is null)
        {
            v.Add("organisationId", $"No organisation with id {request.OrganisationId}.");
        }
        if (request.ImpactScope is not { } scope || !Enum.IsDefined(scope))
        {
            v.Add("impactScope", $"impactScope is one of {string.Join(", ", Enum.GetNames<ImpactScope>())}.");
        }
        if (request.ServiceState is not { } state || !Enum.IsDefined(state))
        {
            v.Add("serviceState", $"serviceState is one of {string.Join(", ", Enum.GetNames<ServiceState>())}.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        var result = await ClassifyAsync(service!, organisation, request.ImpactScope!.Value, request.ServiceState!.Value, ct);
        var level = await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == result.Severity, ct);
        return new ClassificationView(result.Severity, level?.Name ?? "", level?.Procedure ?? SeverityProcedure.NormalBusinessProcess,
            result.Reason, result.RuleId, result.RuleName);
    }
}
