using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Targets;

/// <summary>
/// Which policies and plans name a person, role or team. Policies keep their targets as a document,
/// so the database cannot refuse the delete by itself; the directory asks here first.
/// </summary>
public static class TargetReferences
{
    public static async Task<List<string>> FindAsync(LifelineDbContext db, TargetKind kind, Guid id, CancellationToken ct)
    {
        // Policies and plans are few and small: reading them whole is cheaper than a JSON query per provider.
        var policies = (await db.EscalationPolicies.AsNoTracking().ToListAsync(ct)).Where(p => p.References(kind, id)).Select(p => $"escalation policy '{p.Name}'");
        var plans = (await db.CommunicationPlans.AsNoTracking().ToListAsync(ct)).Where(p => p.References(kind, id)).Select(p => $"communication plan '{p.Name}'");
        return [.. policies, .. plans];
    }
}
