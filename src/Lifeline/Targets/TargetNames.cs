using Lifeline.Escalation.Policies;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Targets;

/// <summary>Names targets for display: "Role: Incident Manager 1", "the service area manager".</summary>
public static class TargetNames
{
    public static async Task<Func<EscalationTarget, TargetView>> LoaderAsync(IEnumerable<EscalationTarget> targets, LifelineDbContext db, CancellationToken ct)
    {
        var ids = targets.Where(t => t.Id is not null).Select(t => t.Id!.Value).Distinct().ToList();
        var people = await db.People.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var roles = await db.DirectoryRoles.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var teams = await db.Teams.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var schedules = await db.Schedules.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var channels = await db.ChatChannels.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return target => new TargetView(target.Kind, target.Id, target.Kind switch
        {
            TargetKind.Person => people.GetValueOrDefault(target.Id!.Value, "(deleted person)"),
            TargetKind.Role => roles.GetValueOrDefault(target.Id!.Value, "(deleted role)"),
            TargetKind.Team => teams.GetValueOrDefault(target.Id!.Value, "(deleted team)"),
            TargetKind.Schedule => $"on call in {schedules.GetValueOrDefault(target.Id!.Value, "(deleted schedule)")}",
            TargetKind.ChatChannel => ChannelName(channels.GetValueOrDefault(target.Id!.Value)),
            TargetKind.ServiceAreaManager => "the service area manager of the incident's service",
            _ => "the incident manager of the incident",
        });
    }

    /// <summary>"the #major-incidents chat channel", as a rule's sentence and a tier's list say it.</summary>
    public static string ChannelName(string? name) => name is null ? "(deleted chat channel)" : $"the #{Slug(name)} chat channel";

    /// <summary>"Major incidents" -> "major-incidents": how chat tools write a channel's name.</summary>
    public static string Slug(string name) =>
        string.Join('-', name.Trim().ToLowerInvariant().Split([' ', '\t', '_'], StringSplitOptions.RemoveEmptyEntries)).TrimStart('#');
}
