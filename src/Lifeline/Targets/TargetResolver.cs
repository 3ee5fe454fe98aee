using Lifeline.Directory.Roles;
using Lifeline.Directory.Teams;
using Lifeline.Schedules;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Targets;

/// <summary>What a relative target needs to know about the incident it is resolved for.</summary>
public sealed record TargetContext(Guid? ServiceId, Guid? IncidentManagerId, DateTimeOffset At);

/// <summary>
/// Turns targets (a person, a role, a team, a schedule, "the service area manager", "the incident manager")
/// into the people to reach now, in order and without duplicates, replacing or skipping people
/// who are out of office, and saying why for everyone it leaves out. A role held through a schedule, and a
/// schedule target, mean whoever is on call in it at the context's instant.
/// </summary>
public sealed class TargetResolver(LifelineDbContext db, OnCallResolver onCall)
{
    public TargetResolver(LifelineDbContext db) : this(db, new OnCallResolver(db))
    {
    }

    // Read once per unit of work: an engine pass resolves the same roles, teams and people for many incidents.
    private readonly Dictionary<Guid, Role?> _roles = [];
    private readonly Dictionary<Guid, Team?> _teams = [];
    private readonly Dictionary<Guid, string> _names = [];

    public async Task<TargetResolution> ResolveAsync(IEnumerable<EscalationTarget> targets, TargetContext context, CancellationToken ct)
    {
        var named = new List<(Guid PersonId, string Via)>();
        var skipped = new List<SkippedTarget>();
        var list = targets as IReadOnlyList<EscalationTarget> ?? [.. targets];
        // Roles first, in one query, then every schedule they and the targets name, in one load: paging many
        // incidents in a pass must not cost a query per role or a computation per schedule.
        var roleIds = list.Where(t => t.Kind == TargetKind.Role && !_roles.ContainsKey(t.Id!.Value)).Select(t => t.Id!.Value).Distinct().ToList();
        if (roleIds.Count > 0)
        {
            var loaded = await db.DirectoryRoles.AsNoTracking().Include(r => r.Holders).Where(r => roleIds.Contains(r.Id)).ToListAsync(ct);
            foreach (var id in roleIds)
            {
                _roles[id] = loaded.Find(r => r.Id == id);
            }
        }
        var scheduleIds = list.Where(t => t.Kind == TargetKind.Schedule).Select(t => t.Id!.Value)
            .Concat(list.Where(t => t.Kind == TargetKind.Role).Select(t => _roles[t.Id!.Value]?.ScheduleId).OfType<Guid>()).Distinct().ToList();
        var onCallNow = scheduleIds.Count == 0 ? [] : await onCall.AtAsync(scheduleIds, context.At, ct);
        foreach (var target in list)
        {
            switch (target.Kind)
            {
                case TargetKind.Person:
                    named.Add((target.Id!.Value, "named in the policy"));
                    break;
                case TargetKind.Role:
                    var role = _roles[target.Id!.Value];
                    if (role?.ScheduleId is { } heldThrough)
                    {
                        if (onCallNow.TryGetValue(heldThrough, out var roleSchedule) && roleSchedule.People.Count > 0)
                        {
                            named.AddRange(roleSchedule.People.Select(p => (p.PersonId, $"holds {role.Name}: on call in {roleSchedule.Schedule.Name}, {p.Why}")));
                            break;
                        }
                        if (role.Holders.Count > 0)
                        {
                            // A gap in the schedule: the role's listed holders are the fallback rather than nobody.
                            named.AddRange(role.Holders.OrderBy(h => h.Position).Select(h => (h.PersonId, $"holds {role.Name} (nobody on call in its schedule)")));
                        }
                        else
                        {
                            skipped.Add(new SkippedTarget(null, $"role {role.Name}", "nobody is on call in its schedule"));
                        }
                        break;
                    }
                    if (role is null || role.Holders.Count == 0)
                    {
                        skipped.Add(new SkippedTarget(null, role is null ? "a role that no longer exists" : $"role {role.Name}", "nobody holds it"));
                    }
                    else
                    {
                        named.AddRange(role.Holders.OrderBy(h => h.Position).Select(h => (h.PersonId, $"holds {role.Name}")));
                    }
                    break;
                case TargetKind.Schedule:
                    if (onCallNow.TryGetValue(target.Id!.Value, out var schedule) && schedule.People.Count > 0)
                    {
                        named.AddRange(schedule.People.Select(p => (p.PersonId, $"on call in {schedule.Schedule.Name}, {p.Why}")));
                    }
                    else
                    {
                        skipped.Add(new SkippedTarget(null, schedule.Schedule is null ? "a schedule that no longer exists" : $"schedule {schedule.Schedule.Name}", "nobody is on call"));
                    }
                    break;
                case TargetKind.Team:
                    if (!_teams.TryGetValue(target.Id!.Value, out var team))
                    {
                        team = await db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == target.Id, ct);
                        _teams[target.Id.Value] = team;
                    }
                    if (team is null || team.Members.Count == 0)
                    {
                        skipped.Add(new SkippedTarget(null, team is null ? "a team that no longer exists" : $"team {team.Name}", "it has no members"));
                    }
                    else
                    {
                        named.AddRange(team.Members.OrderByDescending(m => m.IsLead).ThenBy(m => m.PersonId).Select(m => (m.PersonId, $"member of {team.Name}")));
                    }
                    break;
                case TargetKind.ServiceAreaManager:
                    var area = context.ServiceId is { } serviceId
                        ? await (from s in db.Services
                                 join a in db.ServiceAreas on s.ServiceAreaId equals a.Id
                                 where s.Id == serviceId
                                 select new { a.Name, a.ManagerId }).FirstOrDefaultAsync(ct)
                        : null;
                    if (area is null)
                    {
                        skipped.Add(new SkippedTarget(null, "the service area manager", "the incident has no service with a service area"));
                    }
                    else
                    {
                        named.Add((area.ManagerId, $"manages {area.Name}"));
                    }
                    break;
                case TargetKind.IncidentManager:
                    if (context.IncidentManagerId is { } manager)
                    {
                        named.Add((manager, "incident manager of the incident"));
                    }
                    else
                    {
                        skipped.Add(new SkippedTarget(null, "the incident manager", "none is named on the incident yet"));
                    }
                    break;
            }
        }
        return await ApplyAvailabilityAsync(named, skipped, context.At, ct);
    }

    private async Task<TargetResolution> ApplyAvailabilityAsync(List<(Guid PersonId, string Via)> named, List<SkippedTarget> skipped, DateTimeOffset at, CancellationToken ct)
    {
        var ids = named.Select(n => n.PersonId).ToList();
        var absences = await db.Absences.AsNoTracking().Where(a => ids.Contains(a.PersonId) && a.From <= at && a.To > at).ToListAsync(ct);
        var standInIds = absences.Where(a => a.StandInId is not null).Select(a => a.StandInId!.Value).ToList();
        var absentStandIns = standInIds.Count == 0 ? []
            : (await db.Absences.AsNoTracking().Where(a => standInIds.Contains(a.PersonId) && a.From <= at && a.To > at)
                .Select(a => a.PersonId).ToListAsync(ct)).ToHashSet();
        var unnamed = ids.Concat(standInIds).Distinct().Where(id => !_names.ContainsKey(id)).ToList();
        if (unnamed.Count > 0)
        {
            foreach (var (id, name) in await db.People.AsNoTracking().Where(p => unnamed.Contains(p.Id)).Select(p => new { p.Id, p.Name })
                .ToDictionaryAsync(p => p.Id, p => p.Name, ct))
            {
                _names[id] = name;
            }
        }
        var names = _names;

        var people = new List<ResolvedTarget>();
        foreach (var (personId, via) in named)
        {
            if (!names.TryGetValue(personId, out var name))
            {
                skipped.Add(new SkippedTarget(personId, "a person who no longer exists", via));
                continue;
            }
            var absence = absences.FirstOrDefault(a => a.PersonId == personId);
            if (absence is null)
            {
                Add(personId, name, via);
                continue;
            }
            var why = $"unavailable until {absence.To:yyyy-MM-dd HH:mm} UTC" + (absence.Reason is null ? "" : $" ({absence.Reason})");
            if (absence.StandInId is { } standIn && !absentStandIns.Contains(standIn) && names.TryGetValue(standIn, out var standInName))
            {
                skipped.Add(new SkippedTarget(personId, name, $"{why}; {standInName} stands in"));
                Add(standIn, standInName, $"stand-in for {name}");
            }
            else
            {
                skipped.Add(new SkippedTarget(personId, name, absence.StandInId is null ? why : $"{why}; the stand-in is unavailable too"));
            }
        }
        return new TargetResolution(people, skipped);

        void Add(Guid id, string name, string via)
        {
            if (!people.Exists(p => p.PersonId == id))
            {
                people.Add(new ResolvedTarget(id, name, via));
            }
        }
    }
}
