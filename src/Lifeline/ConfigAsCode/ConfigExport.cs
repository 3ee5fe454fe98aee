using System.Globalization;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Shifts;
using Lifeline.Storage;
using Lifeline.Targets;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.ConfigAsCode;

/// <summary>What an export includes beyond the procedure itself.</summary>
/// <param name="Contacts">People's phone numbers, addresses and webhooks: personal data, each person's disclosure in the access log.</param>
/// <param name="Secrets">Conference bridge PINs.</param>
public sealed record ExportOptions(bool Contacts, bool Secrets);

/// <summary>
/// Writes the configuration as a <see cref="ConfigDocument"/>: every list sorted by name, every reference by name, so
/// the same configuration always gives the same file, whatever database it is in.
/// </summary>
public sealed class ConfigExport(LifelineDbContext db, ContactDataGuard guard)
{
    public async Task<Outcome<ConfigDocument>> ExportAsync(Actor actor, ExportOptions options, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "export the configuration") is { } refused)
        {
            return refused;
        }
        if (options.Contacts && !actor.SeesContactData)
        {
            return Refusal.Forbidden("Your roles do not show contact data, so an export with contacts is not yours to make.");
        }
        var (document, personIds) = await ReadAsync(options, ct);
        if (document.People!.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Refusal.Conflict($"{twice.Count()} people are named '{twice.Key}'. A file names people, so give them names that tell them apart (a middle initial) first.",
                "Two people share a name");
        }
        if (options.Contacts)
        {
            await guard.RecordDisclosureAsync(actor, personIds, "configuration export with contacts", ct);
        }
        return document;
    }

    /// <summary>The document, without the checks of <see cref="ExportAsync"/>: what an import compares the file with.</summary>
    internal async Task<(ConfigDocument Document, IReadOnlyList<Guid> PersonIds)> ReadAsync(ExportOptions options, CancellationToken ct)
    {
        var people = await db.People.AsNoTracking().Include(p => p.ContactMethods).OrderBy(p => p.Name).ToListAsync(ct);
        var schedules = await db.Schedules.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var roles = await db.DirectoryRoles.AsNoTracking().Include(r => r.Holders).OrderBy(r => r.Name).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().Include(t => t.Members).OrderBy(t => t.Name).ToListAsync(ct);
        var areas = await db.ServiceAreas.AsNoTracking().Include(a => a.DefaultTeams).OrderBy(a => a.Name).ToListAsync(ct);
        var services = await db.Services.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var policies = await db.EscalationPolicies.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        var plans = await db.CommunicationPlans.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        var calendar = await ShiftCalendars.CurrentAsync(db, ct);
        var templates = await db.MessageTemplates.AsNoTracking().OrderBy(t => t.Key).ToListAsync(ct);

        var personName = people.ToDictionary(p => p.Id, p => p.Name);
        var names = new Names(personName, roles.ToDictionary(r => r.Id, r => r.Name), teams.ToDictionary(t => t.Id, t => t.Name),
            schedules.ToDictionary(s => s.Id, s => s.Name), await db.ChatChannels.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct));
        var policyName = policies.ToDictionary(p => p.Id, p => p.Name);
        var areaName = areas.ToDictionary(a => a.Id, a => a.Name);

        var document = new ConfigDocument
        {
            Organisations = [.. organisations.Select(o => new OrganisationEntry { Name = o.Name, Description = o.Description, Vip = o.IsVip })],
            People = [.. people.Select(p => new PersonEntry
            {
                Name = p.Name,
                Title = p.Title,
                TimeZone = p.TimeZone,
                Notes = p.Notes,
                ContactMethods = options.Contacts
                    ? [.. p.ContactMethods.OrderBy(c => c.Kind).ThenBy(c => c.Priority).ThenBy(c => c.Value, StringComparer.Ordinal).Select(c => new ContactEntry
                    {
                        Kind = c.Kind.ToString(),
                        Value = c.Value,
                        Label = c.Label,
                        Sms = c.CanSms,
                        Voice = c.CanVoice,
                        Priority = c.Priority,
                    })]
                    : null,
            })],
            Schedules = [.. schedules.Select(s => new ScheduleEntry
            {
                Name = s.Name,
                Description = s.Description,
                TimeZone = s.TimeZone,
                Layers = [.. s.Layers.Select(l => new LayerEntry
                {
                    Name = l.Name,
                    Participants = [.. l.Participants.Select(names.Person)],
                    ShiftCount = l.ShiftCount,
                    ShiftUnit = l.ShiftUnit.ToString(),
                    StartDate = l.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    HandOffTime = Time(l.HandOffTime),
                    OnShifts = l.OnShifts,
                    OffShifts = l.OffShifts,
                    ShiftDays = l.ShiftDays is { Count: > 0 } days ? [.. days.Select(d => d.ToString())] : null,
                    Restrictions = l.Restrictions is { Count: > 0 } restrictions
                        ? [.. restrictions.Select(r => new RestrictionEntry { Days = [.. r.Days.Select(d => d.ToString())], From = Time(r.From), To = Time(r.To) })]
                        : null,
                    Coverage = l.Coverage.ToString(),
                    Fairness = l.Fairness,
                    HolidaysOnly = l.HolidaysOnly,
                })],
            })],
            Roles = [.. roles.Select(r => new RoleEntry
            {
                Name = r.Name,
                Responsibilities = r.Responsibilities,
                Holders = [.. r.Holders.OrderBy(h => h.Position).Select(h => names.Person(h.PersonId))],
                HeldThrough = r.ScheduleId is { } scheduleId ? names.Schedule(scheduleId) : null,
            })],
            Teams = [.. teams.Select(t => new TeamEntry
            {
                Name = t.Name,
                Kind = t.Kind.ToString(),
                Description = t.Description,
                Phone = t.Phone,
                Email = t.Email,
                EscalationPolicy = t.EscalationPolicyId is { } id ? policyName[id] : null,
                Members = [.. t.Members.OrderByDescending(m => m.IsLead).ThenBy(m => names.Person(m.PersonId), StringComparer.Ordinal)
                    .Select(m => new MemberEntry { Person = names.Person(m.PersonId), Lead = m.IsLead })],
            })],
            ServiceAreas = [.. areas.Select(a => new ServiceAreaEntry
            {
                Name = a.Name,
                Description = a.Description,
                Manager = names.Person(a.ManagerId),
                DefaultTeams = [.. a.DefaultTeams.Select(t => names.Team(t.TeamId)).Order(StringComparer.Ordinal)],
                BridgeDialIn = a.BridgeDialIn,
                BridgePin = options.Secrets ? a.BridgePin : null,
                BridgeLink = a.BridgeLink,
            })],
            EscalationPolicies = [.. policies.Select(p => new PolicyEntry
            {
                Name = p.Name,
                Description = p.Description,
                Default = p.IsDefault,
                Repeat = p.RepeatCount,
                Tiers = [.. p.Tiers.Select(t => new TierEntry
                {
                    Wait = ConfigValues.Wait(t.Wait),
                    Channels = [.. t.Channels.Select(c => c.ToString())],
                    Targets = [.. t.Targets.Select(names.Target)],
                })],
            })],
            Services = [.. services.Select(s => new ServiceEntry
            {
                Name = s.Name,
                Description = s.Description,
                ServiceArea = areaName[s.ServiceAreaId],
                MajorEnterprise = s.IsMajorEnterpriseService,
                PublicFacing = s.IsPublicFacing,
                OnPublicStatusPage = s.OnPublicStatusPage,
                EscalationPolicy = s.EscalationPolicyId is { } id ? policyName[id] : null,
            })],
            CommunicationPlans = [.. plans.Select(p => new PlanEntry
            {
                Name = p.Name,
                Description = p.Description,
                Enabled = p.IsEnabled,
                Severities = [.. p.Severities],
                Rules = [.. p.Rules.Select(r => new RuleEntry
                {
                    Event = r.Event.ToString(),
                    Shift = r.Shift?.ToString(),
                    Recipients = [.. r.Recipients.Select(names.Target)],
                    Channel = r.Channel.ToString(),
                    Fallback = r.Fallback?.ToString(),
                    Instruction = r.Instruction,
                })],
            })],
            Calendar = new CalendarEntry
            {
                TimeZone = calendar.TimeZone,
                Hours = [.. calendar.Hours.Select(h => new HoursEntry { Day = h.Day.ToString(), Start = Time(h.Start), End = BusinessHours.EndText(h.End) })],
                Holidays = [.. calendar.Holidays.Select(h => new HolidayEntry { Date = h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Name = h.Name })],
            },
            Templates = [.. templates.Select(t => new TemplateEntry { Key = t.Key, Subject = t.Subject, Text = t.TextBody, Html = t.HtmlBody, Short = t.ShortForm })],
        };
        return (document, [.. people.Select(p => p.Id)]);
    }

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private sealed record Names(
        IReadOnlyDictionary<Guid, string> People, IReadOnlyDictionary<Guid, string> Roles,
        IReadOnlyDictionary<Guid, string> Teams, IReadOnlyDictionary<Guid, string> Schedules, IReadOnlyDictionary<Guid, string> ChatChannels)
    {
        public string Person(Guid id) => People.GetValueOrDefault(id, $"(deleted person {id})");

        public string Team(Guid id) => Teams.GetValueOrDefault(id, $"(deleted team {id})");

        public string Schedule(Guid id) => Schedules.GetValueOrDefault(id, $"(deleted schedule {id})");

        public TargetEntry Target(EscalationTarget target) => target.Kind switch
        {
            TargetKind.Person => new TargetEntry { Person = Person(target.Id!.Value) },
            TargetKind.Role => new TargetEntry { Role = Roles.GetValueOrDefault(target.Id!.Value, $"(deleted role {target.Id})") },
            TargetKind.Team => new TargetEntry { Team = Team(target.Id!.Value) },
            TargetKind.Schedule => new TargetEntry { Schedule = Schedule(target.Id!.Value) },
            TargetKind.ChatChannel => new TargetEntry { ChatChannel = ChatChannels.GetValueOrDefault(target.Id!.Value, $"(deleted chat channel {target.Id})") },
            _ => new TargetEntry { Relative = target.Kind.ToString() },
        };
    }
}
