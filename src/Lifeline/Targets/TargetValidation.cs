using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Targets;

/// <summary>Checks that targets name things that exist, for policies and communication plans alike.</summary>
public static class TargetValidation
{
    public static async Task CheckAsync(IReadOnlyList<EscalationTarget>? targets, string field, Validator v, LifelineDbContext db, CancellationToken ct)
    {
        if (targets is null || targets.Count == 0)
        {
            v.Add(field, "At least one target is required.");
            return;
        }
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var at = $"{field}[{i}]";
            if (target is null || !Enum.IsDefined(target.Kind))
            {
                v.Add(at, $"kind is one of {string.Join(", ", Enum.GetNames<TargetKind>())}.");
                continue;
            }
            if (!target.NeedsId)
            {
                if (target.Id is not null)
                {
                    v.Add(at, $"A {target.Kind} target is resolved per incident and takes no id.");
                }
                continue;
            }
            if (target.Id is not { } id)
            {
                v.Add(at, $"A {target.Kind} target needs the id of the {(target.Kind == TargetKind.ChatChannel ? "chat channel" : target.Kind.ToString().ToLowerInvariant())}.");
                continue;
            }
            var exists = target.Kind switch
            {
                TargetKind.Person => await db.People.AnyAsync(p => p.Id == id, ct),
                TargetKind.Role => await db.DirectoryRoles.AnyAsync(r => r.Id == id, ct),
                TargetKind.Schedule => await db.Schedules.AnyAsync(s => s.Id == id, ct),
                TargetKind.ChatChannel => await db.ChatChannels.AnyAsync(c => c.Id == id, ct),
                _ => await db.Teams.AnyAsync(t => t.Id == id, ct),
            };
            if (!exists)
            {
                v.Add(at, $"No {(target.Kind == TargetKind.ChatChannel ? "chat channel" : target.Kind.ToString().ToLowerInvariant())} with id {id}.");
            }
        }
    }
}
