using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Communication;
using Lifeline.Directory.Organisations;
using Lifeline.Directory.People;
using Lifeline.Directory.Roles;
using Lifeline.Directory.Services;
using Lifeline.Directory.Teams;
using Lifeline.Escalation.Policies;
using Lifeline.Notifications;
using Lifeline.Schedules;
using Lifeline.Shifts;
using Lifeline.Storage;
using Lifeline.Targets;
using Lifeline.Templates;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.ConfigAsCode;

/// <summary>What an import did or would do: the changes, or the problems that stopped it (nothing is then changed).</summary>
public sealed record ImportResult(bool Applied, IReadOnlyList<ConfigChange> Changes, IReadOnlyList<ConfigProblem> Problems)
{
    public string Summary =>
        Problems.Count > 0 ? $"{Problems.Count} problem(s); nothing changed"
        : Changes.Count == 0 ? "no changes"
        : $"{Changes.Count(c => c.Action == ChangeAction.Add)} to add, {Changes.Count(c => c.Action == ChangeAction.Change)} to change, " +
          $"{Changes.Count(c => c.Action == ChangeAction.Remove)} to remove" + (Applied ? ": applied" : ": not applied (dry run)");
}

/// <summary>
/// Reads a configuration file and makes the database match it, all or nothing: one transaction, through the same
/// domain services (and so the same rules, audit and refusals) as the API and the console. A dry run goes all the way
/// through the services too and then rolls back, so it finds every problem an apply would meet.
/// </summary>
public sealed class ConfigImport(IServiceScopeFactory scopes)
{
    public async Task<Outcome<ImportResult>> ImportAsync(Actor actor, string text, bool apply, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "import a configuration") is { } refused)
        {
            return refused;
        }
        var (parsed, unreadable) = ConfigYaml.Read(text);
        if (parsed is null)
        {
            return new ImportResult(false, [], [unreadable!]);
        }
        if (parsed.Document.Version != 1)
        {
            return new ImportResult(false, [], [new ConfigProblem("version", parsed.LineOf("version"), $"This Lifeline reads version 1 files, not version {parsed.Document.Version}.")]);
        }
        await using var outer = scopes.CreateAsyncScope();
        var strategy = outer.ServiceProvider.GetRequiredService<LifelineDbContext>().Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // A fresh scope per attempt: a retried attempt must not see the tracked state of a failed one.
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Use(actor);
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var run = new Run(parsed, actor, scope.ServiceProvider, db);
            var result = await run.ExecuteAsync(ct);
            if (apply && result.Problems.Count == 0 && result.Changes.Count > 0)
            {
                await transaction.CommitAsync(ct);
                return new Outcome<ImportResult>(result with { Applied = true }, null);
            }
            await transaction.RollbackAsync(ct);
            return new Outcome<ImportResult>(result, null);
        });
    }

    /// <summary>One import: checks the file against itself and the database, then changes what differs, section by section.</summary>
    private sealed class Run(ParsedConfig parsed, Actor actor, IServiceProvider services, LifelineDbContext db)
    {
        private readonly ConfigDocument _file = parsed.Document;
        private readonly List<ConfigProblem> _problems = [];
        private Ids _ids = null!;

        public async Task<ImportResult> ExecuteAsync(CancellationToken ct)
        {
            var (current, _) = await services.GetRequiredService<ConfigExport>().ReadAsync(new ExportOptions(Contacts: true, Secrets: true), ct);
            CheckNames();
            if (_problems.Count > 0)
            {
                return new ImportResult(false, [], _problems);
            }
            // First a check of every entry with the names the file and the database will have, before anything is written.
            _ids = await Ids.ReadAsync(db, _file, placeholders: true, ct);
            Check(current);
            if (_problems.Count > 0)
            {
                return new ImportResult(false, [], _problems);
            }
            Normalise();
            var changes = ConfigDiff.Compare(current, _file);
            if (changes.Count > 0)
            {
                await ApplyAsync(current, changes, ct);
            }
            return new ImportResult(false, changes, _problems);
        }

        /// <summary>
        /// Contact values as they are stored (E.164, lower-case addresses) and unordered lists in the export's order, so a
        /// file that says the same as the database in other words shows no change.
        /// </summary>
        private void Normalise()
        {
            var rules = services.GetRequiredService<ContactValueRules>();
            foreach (var person in _file.People ?? [])
            {
                foreach (var method in person.ContactMethods ?? [])
                {
                    if (ConfigValues.TryEnum(method.Kind, "kind", out ContactMethodKind kind, out _) && rules.TryNormalise(kind, method.Value ?? "", out var value, out _))
                    {
                        method.Kind = kind.ToString();
                        method.Value = value;
                        // As the entity stores them: only a cell phone takes SMS, any phone a voice call.
                        method.Sms = kind == ContactMethodKind.CellPhone && method.Sms;
                        method.Voice = kind is ContactMethodKind.CellPhone or ContactMethodKind.OfficePhone && method.Voice;
                    }
                }
                person.ContactMethods = person.ContactMethods?.OrderBy(c => Enum.TryParse<ContactMethodKind>(c.Kind, out var k) ? (int)k : int.MaxValue)
                    .ThenBy(c => c.Priority).ThenBy(c => c.Value, StringComparer.Ordinal).ToList();
            }
            foreach (var team in _file.Teams ?? [])
            {
                team.Members = team.Members?.OrderByDescending(m => m.Lead).ThenBy(m => m.Person, StringComparer.Ordinal).ToList();
            }
            foreach (var area in _file.ServiceAreas ?? [])
            {
                area.DefaultTeams = area.DefaultTeams?.Order(StringComparer.Ordinal).ToList();
            }
        }

        // --- checks ---

        private void Problem(string path, string message) => _problems.Add(new ConfigProblem(path, parsed.LineOf(path), message));

        private void CheckNames()
        {
            Unique("organisations", _file.Organisations);
            Unique("people", _file.People);
            Unique("schedules", _file.Schedules);
            Unique("roles", _file.Roles);
            Unique("teams", _file.Teams);
            Unique("serviceAreas", _file.ServiceAreas);
            Unique("escalationPolicies", _file.EscalationPolicies);
            Unique("services", _file.Services);
            Unique("communicationPlans", _file.CommunicationPlans);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (_file.Templates?.Count ?? 0); i++)
            {
                if (string.IsNullOrWhiteSpace(_file.Templates![i].Key))
                {
                    Problem($"templates[{i}].key", "key is required: the template it changes, such as tier-page.");
                }
                else if (!keys.Add(_file.Templates[i].Key!))
                {
                    Problem($"templates[{i}].key", $"The template '{_file.Templates[i].Key}' is listed twice.");
                }
            }
            if (_file.EscalationPolicies is { } policies && policies.Count(p => p.Default) != 1)
            {
                Problem("escalationPolicies", $"Exactly one policy must be the default (default: true); the file has {policies.Count(p => p.Default)}.");
            }
        }

        private void Unique<T>(string section, List<T>? entries) where T : INamedEntry
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (entries?.Count ?? 0); i++)
            {
                var name = entries![i].Name;
                if (string.IsNullOrWhiteSpace(name))
                {
                    Problem($"{section}[{i}].name", "name is required.");
                }
                else if (name != name.Trim())
                {
                    Problem($"{section}[{i}].name", $"'{name}' starts or ends with a space.");
                }
                else if (!seen.Add(name))
                {
                    Problem($"{section}[{i}].name", $"'{name}' is listed twice in {section}.");
                }
            }
        }

        /// <summary>Every entry made into its request once, with placeholder ids: what is wrong is reported, nothing is saved.</summary>
        private void Check(ConfigDocument current)
        {
            var rules = services.GetRequiredService<ContactValueRules>();
            Each(_file.People, "people", (p, path) =>
            {
                foreach (var (field, messages) in PersonRequest(p).Validate(rules, creating: true).Errors)
                {
                    messages.ToList().ForEach(m => Problem($"{path}.{field}", m));
                }
            });
            Each(_file.Schedules, "schedules", (s, path) => ScheduleRequest(s, path));
            Each(_file.Roles, "roles", (r, path) => RoleRequest(r, path));
            Each(_file.Teams, "teams", (t, path) => TeamRequest(t, path, policy: true));
            Each(_file.ServiceAreas, "serviceAreas", (a, path) => AreaRequest(a, path, current));
            Each(_file.EscalationPolicies, "escalationPolicies", (p, path) => PolicyRequest(p, path));
            Each(_file.Services, "services", (s, path) => ServiceRequest(s, path));
            Each(_file.CommunicationPlans, "communicationPlans", (p, path) => PlanRequest(p, path));
            if (_file.Calendar is { } calendar)
            {
                CalendarRequest(calendar, "calendar");
            }
            for (var i = 0; i < (_file.Templates?.Count ?? 0); i++)
            {
                if (current.Templates?.Exists(t => t.Key == _file.Templates![i].Key) != true)
                {
                    Problem($"templates[{i}].key", $"There is no template '{_file.Templates![i].Key}'. The keys are: {string.Join(", ", current.Templates?.Select(t => t.Key) ?? [])}.");
                }
            }
        }

        private static void Each<T>(List<T>? entries, string section, Action<T, string> check)
        {
            for (var i = 0; i < (entries?.Count ?? 0); i++)
            {
                check(entries![i], $"{section}[{i}]");
            }
        }

        // --- entries made into the services' requests, names made into ids ---

        private static PersonRequest PersonRequest(PersonEntry p) =>
            new(p.Name!, p.Title, p.TimeZone, p.Notes, p.ContactMethods is null ? null : [.. p.ContactMethods.Select(ContactRequest)]);

        private static ContactMethodRequest ContactRequest(ContactEntry c)
        {
            // An unknown kind is left null: the request's own validation says so, beside the field.
            var kind = ConfigValues.TryEnum(c.Kind, "kind", out ContactMethodKind k, out _) ? k : (ContactMethodKind?)null;
            return new ContactMethodRequest(kind, c.Value ?? "", c.Label, c.Sms, c.Voice, c.Priority);
        }

        private ScheduleRequest ScheduleRequest(ScheduleEntry s, string path) =>
            new(s.Name!, s.Description, s.TimeZone, [.. (s.Layers ?? []).Select((l, i) => Layer(l, $"{path}.layers[{i}]"))], AcceptShiftedHandOffs: true);

        private ScheduleLayer Layer(LayerEntry l, string path)
        {
            Kind(l.ShiftUnit, $"{path}.shiftUnit", "shift unit", out ShiftUnit unit);
            var coverage = AbsenceCoverage.NextInRotation;
            if (l.Coverage is not null)
            {
                Kind(l.Coverage, $"{path}.coverage", "coverage", out coverage);
            }
            Date(l.StartDate, $"{path}.startDate", out var start);
            Time(l.HandOffTime, $"{path}.handOffTime", out var handOff);
            return new ScheduleLayer(l.Name ?? "", [.. (l.Participants ?? []).Select((p, i) => Person(p, $"{path}.participants[{i}]"))],
                l.ShiftCount, unit, start, handOff, l.OnShifts, l.OffShifts,
                l.ShiftDays is null ? null : [.. l.ShiftDays.Select((d, i) => Day(d, $"{path}.shiftDays[{i}]"))],
                l.Restrictions is null ? null : [.. l.Restrictions.Select((r, i) => Restriction(r, $"{path}.restrictions[{i}]"))],
                coverage, l.Fairness, l.HolidaysOnly);
        }

        private ScheduleRestriction Restriction(RestrictionEntry r, string path)
        {
            Time(r.From, $"{path}.from", out var from);
            Time(r.To, $"{path}.to", out var to);
            return new ScheduleRestriction([.. (r.Days ?? []).Select((d, i) => Day(d, $"{path}.days[{i}]"))], from, to);
        }

        private RoleRequest RoleRequest(RoleEntry r, string path) =>
            new(r.Name!, r.Responsibilities, [.. (r.Holders ?? []).Select((h, i) => Person(h, $"{path}.holders[{i}]"))],
                r.HeldThrough is null ? Guid.Empty : Reference(_ids.Schedules, r.HeldThrough, $"{path}.heldThrough", "schedule"));

        /// <param name="policy">
        /// Whether the team's policy must exist: false names it only if it does already, since a policy the file adds does
        /// not exist until the policies are done (the team is then given it in a second pass).
        /// </param>
        private TeamRequest TeamRequest(TeamEntry t, string path, bool policy)
        {
            var kind = TeamKind.Resolver;
            if (t.Kind is not null)
            {
                Kind(t.Kind, $"{path}.kind", "team kind", out kind);
            }
            Guid? policyId = t.EscalationPolicy is null ? null
                : policy ? Reference(_ids.Policies, t.EscalationPolicy, $"{path}.escalationPolicy", "escalation policy")
                : _ids.Policies.GetValueOrDefault(t.EscalationPolicy);
            return new TeamRequest(t.Name!, t.Description, kind, t.Phone, t.Email,
                [.. (t.Members ?? []).Select((m, i) => new TeamMemberRequest(Person(m.Person, $"{path}.members[{i}].person"), m.Lead))],
                policyId == Guid.Empty ? null : policyId);
        }

        private ServiceAreaRequest AreaRequest(ServiceAreaEntry a, string path, ConfigDocument current)
        {
            var pin = a.BridgePin ?? current.ServiceAreas?.Find(c => c.Name == a.Name)?.BridgePin;
            return new ServiceAreaRequest(a.Name!, a.Description, Person(a.Manager, $"{path}.manager"),
                [.. (a.DefaultTeams ?? []).Select((t, i) => Reference(_ids.Teams, t, $"{path}.defaultTeams[{i}]", "team"))],
                a.BridgeDialIn, pin, a.BridgeLink);
        }

        private EscalationPolicyRequest PolicyRequest(PolicyEntry p, string path) =>
            new(p.Name!, p.Description, p.Repeat, [.. (p.Tiers ?? []).Select((t, i) => Tier(t, $"{path}.tiers[{i}]"))]);

        private TierRequest Tier(TierEntry t, string path)
        {
            if (!ConfigValues.TryWait(t.Wait, out var wait, out var error))
            {
                Problem($"{path}.wait", error);
            }
            return new TierRequest([.. (t.Targets ?? []).Select((x, i) => Target(x, $"{path}.targets[{i}]"))],
                [.. (t.Channels ?? []).Select((c, i) => Channel(c, $"{path}.channels[{i}]"))], wait);
        }

        private EscalationTarget Target(TargetEntry t, string path)
        {
            var given = new[] { t.Person, t.Role, t.Team, t.Schedule, t.ChatChannel, t.Relative }.Count(v => v is not null);
            if (given != 1)
            {
                Problem(path, "A target names exactly one of person, role, team, schedule, chatChannel or relative (ServiceAreaManager, IncidentManager).");
                return new EscalationTarget(TargetKind.IncidentManager);
            }
            if (t.Person is not null)
            {
                return new EscalationTarget(TargetKind.Person, Person(t.Person, $"{path}.person"));
            }
            if (t.Role is not null)
            {
                return new EscalationTarget(TargetKind.Role, Reference(_ids.Roles, t.Role, $"{path}.role", "role"));
            }
            if (t.Team is not null)
            {
                return new EscalationTarget(TargetKind.Team, Reference(_ids.Teams, t.Team, $"{path}.team", "team"));
            }
            if (t.Schedule is not null)
            {
                return new EscalationTarget(TargetKind.Schedule, Reference(_ids.Schedules, t.Schedule, $"{path}.schedule", "schedule"));
            }
            if (t.ChatChannel is not null)
            {
                return new EscalationTarget(TargetKind.ChatChannel, Reference(_ids.ChatChannels, t.ChatChannel, $"{path}.chatChannel", "chat channel"));
            }
            if (t.Relative is "ServiceAreaManager" or "IncidentManager")
            {
                return new EscalationTarget(System.Enum.Parse<TargetKind>(t.Relative));
            }
            Problem($"{path}.relative", $"'{t.Relative}' is not a relative target: ServiceAreaManager or IncidentManager.");
            return new EscalationTarget(TargetKind.IncidentManager);
        }

        private ServiceRequest ServiceRequest(ServiceEntry s, string path) =>
            new(s.Name!, s.Description, Reference(_ids.Areas, s.ServiceArea, $"{path}.serviceArea", "service area"), s.MajorEnterprise, s.PublicFacing,
                s.EscalationPolicy is null ? null : Reference(_ids.Policies, s.EscalationPolicy, $"{path}.escalationPolicy", "escalation policy"), s.OnPublicStatusPage);

        private CommunicationPlanRequest PlanRequest(PlanEntry p, string path) =>
            new(p.Name!, p.Description, p.Severities ?? [], p.Enabled, [.. (p.Rules ?? []).Select((r, i) => Rule(r, $"{path}.rules[{i}]"))]);

        private CommunicationRuleRequest Rule(RuleEntry r, string path)
        {
            Kind(r.Event, $"{path}.event", "communication event", out CommunicationEvent e);
            ShiftKind? shift = null;
            if (r.Shift is not null && Kind(r.Shift, $"{path}.shift", "shift", out ShiftKind s))
            {
                shift = s;
            }
            var channel = Channel(r.Channel, $"{path}.channel");
            NotificationChannel? fallback = r.Fallback is null ? null : Channel(r.Fallback, $"{path}.fallback");
            return new CommunicationRuleRequest(e, shift, [.. (r.Recipients ?? []).Select((x, i) => Target(x, $"{path}.recipients[{i}]"))], channel, fallback, r.Instruction);
        }

        private ShiftCalendarRequest CalendarRequest(CalendarEntry c, string path)
        {
            var hours = (c.Hours ?? []).Select((h, i) =>
            {
                var at = $"{path}.hours[{i}]";
                var day = Day(h.Day, $"{at}.day");
                Time(h.Start, $"{at}.start", out var start);
                // "24:00" ends the day at midnight (00:00-24:00 is around the clock), as in the API.
                var end = h.End?.Trim() is "24:00" or "24:00:00" ? BusinessHours.EndOfDay : default;
                if (end != BusinessHours.EndOfDay)
                {
                    Time(h.End, $"{at}.end", out end);
                }
                return new BusinessHours(day, start, end);
            }).ToList();
            var holidays = (c.Holidays ?? []).Select((h, i) =>
            {
                Date(h.Date, $"{path}.holidays[{i}].date", out var date);
                return new Holiday(date, h.Name ?? "");
            }).ToList();
            return new ShiftCalendarRequest(c.TimeZone, hours, holidays);
        }

        private Guid Person(string? name, string path) => Reference(_ids.People, name, path, "person");

        private Guid Reference(Dictionary<string, Guid> ids, string? name, string path, string what)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                Problem(path, $"A {what} is required here.");
                return Guid.Empty;
            }
            if (ids.TryGetValue(name, out var id))
            {
                return id;
            }
            Problem(path, $"No {what} named '{name}'" + (_ids.Listed(what) ? " in the file." : ".") + Suggest(ids.Keys, name));
            return Guid.Empty;
        }

        private static string Suggest(IEnumerable<string> names, string name)
        {
            var near = names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase) ||
                n.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(n, StringComparison.OrdinalIgnoreCase));
            return near is null ? "" : $" Did you mean '{near}'?";
        }

        private bool Kind<T>(string? text, string path, string what, out T value) where T : struct, Enum
        {
            if (ConfigValues.TryEnum(text, what, out value, out var error))
            {
                return true;
            }
            Problem(path, error);
            return false;
        }

        private DayOfWeek Day(string? text, string path) => Kind(text, path, "day", out DayOfWeek day) ? day : DayOfWeek.Monday;

        private NotificationChannel Channel(string? text, string path) => Kind(text, path, "channel", out NotificationChannel channel) ? channel : NotificationChannel.Email;

        private void Time(string? text, string path, out TimeOnly time)
        {
            if (!ConfigValues.TryTime(text, path[(path.LastIndexOf('.') + 1)..], out time, out var error))
            {
                Problem(path, error);
            }
        }

        private void Date(string? text, string path, out DateOnly date)
        {
            if (!ConfigValues.TryDate(text, path[(path.LastIndexOf('.') + 1)..], out date, out var error))
            {
                Problem(path, error);
            }
        }

        // --- applying ---

        private async Task ApplyAsync(ConfigDocument current, List<ConfigChange> changes, CancellationToken ct)
        {
            bool Touched(string section, string name) => changes.Exists(c => c.Section == section && c.Name == name && c.Action != ChangeAction.Remove);
            var organisations = services.GetRequiredService<OrganisationDirectory>();
            var people = services.GetRequiredService<PersonDirectory>();
            var schedules = services.GetRequiredService<ScheduleCatalogue>();
            var roles = services.GetRequiredService<RoleDirectory>();
            var teams = services.GetRequiredService<TeamDirectory>();
            var areas = services.GetRequiredService<ServiceAreaDirectory>();
            var policies = services.GetRequiredService<EscalationPolicyCatalogue>();
            var catalogue = services.GetRequiredService<ServiceCatalogue>();
            var plans = services.GetRequiredService<CommunicationPlanCatalogue>();

            await UpsertAsync(_file.Organisations, "organisations", Touched, () => db.Organisations.Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Name, o => o.Id, ct),
                (o, _) => new OrganisationRequest(o.Name!, o.Description, o.Vip), organisations.CreateAsync, organisations.UpdateAsync, ct);
            _ids = await Ids.ReadAsync(db, _file, placeholders: false, ct);
            await UpsertPeopleAsync(people, Touched, ct);
            _ids = await Ids.ReadAsync(db, _file, placeholders: false, ct);
            await UpsertAsync(_file.Schedules, "schedules", Touched, () => Task.FromResult(_ids.Schedules), ScheduleRequest, schedules.CreateAsync, schedules.UpdateAsync, ct);
            _ids = await Ids.ReadAsync(db, _file, placeholders: false, ct);
            await UpsertAsync(_file.Roles, "roles", Touched, () => Task.FromResult(_ids.Roles), RoleRequest, roles.CreateAsync, roles.UpdateAsync, ct);
            await UpsertAsync(_file.Teams, "teams", Touched, () => Task.FromResult(_ids.Teams), (t, path) => TeamRequest(t, path, policy: false),
                teams.CreateAsync, teams.UpdateAsync, ct);
            _ids = await Ids.ReadAsync(db, _file, placeholders: false, ct);
            await UpsertAsync(_file.ServiceAreas, "serviceAreas", Touched, () => Task.FromResult(_ids.Areas), (a, path) => AreaRequest(a, path, current),
                areas.CreateAsync, areas.UpdateAsync, ct);
            await UpsertAsync(_file.EscalationPolicies, "escalationPolicies", Touched, () => Task.FromResult(_ids.Policies), PolicyRequest,
                policies.CreateAsync, policies.UpdateAsync, ct);
            _ids = await Ids.ReadAsync(db, _file, placeholders: false, ct);
            if (_file.EscalationPolicies?.Find(p => p.Default) is { } wanted && _ids.Policies.TryGetValue(wanted.Name!, out var defaultId)
                && !await db.EscalationPolicies.AnyAsync(p => p.Id == defaultId && p.IsDefault, ct))
            {
                Refused("escalationPolicies", wanted.Name!, (await policies.MakeDefaultAsync(actor, defaultId, ct)).Refusal);
            }
            // A team whose policy the file adds is named now that the policy exists.
            for (var i = 0; i < (_file.Teams?.Count ?? 0); i++)
            {
                var team = _file.Teams![i];
                if (team.EscalationPolicy is not null && _ids.Teams.TryGetValue(team.Name!, out var teamId)
                    && _ids.Policies.TryGetValue(team.EscalationPolicy, out var policyId)
                    && !await db.Teams.AnyAsync(t => t.Id == teamId && t.EscalationPolicyId == policyId, ct))
                {
                    Refused($"teams[{i}]", team.Name!, (await teams.UpdateAsync(actor, teamId, TeamRequest(team, $"teams[{i}]", policy: true), ct)).Refusal);
                }
            }
            await UpsertAsync(_file.Services, "services", Touched, () => Task.FromResult(_ids.Services), ServiceRequest, catalogue.CreateAsync, catalogue.UpdateAsync, ct);
            await UpsertAsync(_file.CommunicationPlans, "communicationPlans", Touched, () => db.CommunicationPlans.Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Name, p => p.Id, ct),
                PlanRequest, plans.CreateAsync, plans.UpdateAsync, ct);
            if (_file.Calendar is { } calendar && changes.Exists(c => c.Section == "calendar"))
            {
                Refused("calendar", "the shift calendar", (await services.GetRequiredService<ShiftCalendars>().ReplaceAsync(actor, CalendarRequest(calendar, "calendar"), ct)).Refusal);
            }
            var templates = services.GetRequiredService<TemplateCatalogue>();
            for (var i = 0; i < (_file.Templates?.Count ?? 0); i++)
            {
                var t = _file.Templates![i];
                if (changes.Exists(c => c.Section == "templates" && c.Name == t.Key))
                {
                    Refused($"templates[{i}]", t.Key!, (await templates.UpdateAsync(actor, t.Key!, new MessageTemplateRequest(t.Subject, t.Text, t.Html, t.Short), ct)).Refusal);
                }
            }

            // Removals last, the referring kinds first, so a reference the file drops is gone before what it named is.
            await RemoveAsync(changes, "communicationPlans", () => db.CommunicationPlans.Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Name, p => p.Id, ct), plans.DeleteAsync, ct);
            await RemoveAsync(changes, "services", () => Task.FromResult(_ids.Services), catalogue.DeleteAsync, ct);
            await RemoveAsync(changes, "escalationPolicies", () => Task.FromResult(_ids.Policies), policies.DeleteAsync, ct);
            await RemoveAsync(changes, "serviceAreas", () => Task.FromResult(_ids.Areas), areas.DeleteAsync, ct);
            await RemoveAsync(changes, "teams", () => Task.FromResult(_ids.Teams), teams.DeleteAsync, ct);
            await RemoveAsync(changes, "roles", () => Task.FromResult(_ids.Roles), roles.DeleteAsync, ct);
            await RemoveAsync(changes, "schedules", () => Task.FromResult(_ids.Schedules), schedules.DeleteAsync, ct);
            await RemoveAsync(changes, "people", () => Task.FromResult(_ids.People), people.DeleteAsync, ct);
            await RemoveAsync(changes, "organisations", () => db.Organisations.Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Name, o => o.Id, ct),
                organisations.DeleteAsync, ct);
        }

        private async Task UpsertAsync<TEntry, TRequest, TView>(List<TEntry>? entries, string section, Func<string, string, bool> touched,
            Func<Task<Dictionary<string, Guid>>> existingIds, Func<TEntry, string, TRequest> request,
            Func<Actor, TRequest, CancellationToken, Task<Outcome<TView>>> create,
            Func<Actor, Guid, TRequest, CancellationToken, Task<Outcome<TView>>> update, CancellationToken ct) where TEntry : INamedEntry
        {
            var existing = await existingIds();
            for (var i = 0; i < (entries?.Count ?? 0); i++)
            {
                var entry = entries![i];
                if (!touched(section, entry.Name!))
                {
                    continue;
                }
                var path = $"{section}[{i}]";
                var outcome = existing.TryGetValue(entry.Name!, out var id) && id != Guid.Empty
                    ? await update(actor, id, request(entry, path), ct)
                    : await create(actor, request(entry, path), ct);
                Refused(path, entry.Name!, outcome.Refusal);
            }
        }

        /// <summary>People, and their contact methods when the file gives them: kept, changed, added or removed by kind and value.</summary>
        private async Task UpsertPeopleAsync(PersonDirectory people, Func<string, string, bool> touched, CancellationToken ct)
        {
            var rules = services.GetRequiredService<ContactValueRules>();
            for (var i = 0; i < (_file.People?.Count ?? 0); i++)
            {
                var entry = _file.People![i];
                var path = $"people[{i}]";
                if (!touched("people", entry.Name!))
                {
                    continue;
                }
                var request = PersonRequest(entry);
                if (!_ids.People.TryGetValue(entry.Name!, out var id) || id == Guid.Empty)
                {
                    Refused(path, entry.Name!, (await people.CreateAsync(actor, request, ct)).Refusal);
                    continue;
                }
                Refused(path, entry.Name!, (await people.UpdateAsync(actor, id, request with { ContactMethods = null }, ct)).Refusal);
                if (request.ContactMethods is not { } wanted)
                {
                    continue;
                }
                var have = await db.ContactMethods.AsNoTracking().Where(c => c.PersonId == id).ToListAsync(ct);
                var kept = new HashSet<Guid>();
                for (var j = 0; j < wanted.Count; j++)
                {
                    var method = wanted[j];
                    var value = method.Normalised(rules);
                    var same = have.Find(c => c.Kind == method.Kind && c.Value == value);
                    if (same is null)
                    {
                        Refused($"{path}.contactMethods[{j}]", entry.Name!, (await people.AddContactMethodAsync(actor, id, method, ct)).Refusal);
                        continue;
                    }
                    kept.Add(same.Id);
                    if (same.Label != (string.IsNullOrWhiteSpace(method.Label) ? null : method.Label.Trim()) || same.CanSms != method.CanSms
                        || same.CanVoice != method.CanVoice || same.Priority != method.Priority)
                    {
                        Refused($"{path}.contactMethods[{j}]", entry.Name!, (await people.UpdateContactMethodAsync(actor, id, same.Id, method, ct)).Refusal);
                    }
                }
                foreach (var gone in have.Where(c => !kept.Contains(c.Id)))
                {
                    Refused($"{path}.contactMethods", entry.Name!, (await people.DeleteContactMethodAsync(actor, id, gone.Id, ct)).Refusal);
                }
            }
        }

        private async Task RemoveAsync(List<ConfigChange> changes, string section, Func<Task<Dictionary<string, Guid>>> existingIds,
            Func<Actor, Guid, CancellationToken, Task<Outcome<Guid>>> delete, CancellationToken ct)
        {
            var removed = changes.Where(c => c.Section == section && c.Action == ChangeAction.Remove).ToList();
            if (removed.Count == 0)
            {
                return;
            }
            var existing = await existingIds();
            foreach (var change in removed)
            {
                if (existing.TryGetValue(change.Name, out var id))
                {
                    Refused(section, change.Name, (await delete(actor, id, ct)).Refusal, removing: true);
                }
            }
        }

        /// <summary>A service's refusal as problems of the entry: its field errors each on the field's path, else its detail.</summary>
        private void Refused(string path, string name, Refusal? refusal, bool removing = false)
        {
            if (refusal is null)
            {
                return;
            }
            if (refusal.Errors is { Count: > 0 } errors)
            {
                foreach (var (field, messages) in errors)
                {
                    foreach (var message in messages)
                    {
                        Problem($"{path}.{field}", message);
                    }
                }
                return;
            }
            Problem(path, removing ? $"'{name}' is not in the file, but cannot be removed: {refusal.Detail}" : $"{name}: {refusal.Detail}");
        }
    }

    /// <summary>
    /// Name to id for every kind a file refers to: the file's entries where it has the section (placeholders for those not
    /// yet in the database), else the database's.
    /// </summary>
    private sealed record NameId(string Name, Guid Id);

    private sealed record Ids(Dictionary<string, Guid> People, Dictionary<string, Guid> Schedules, Dictionary<string, Guid> Roles,
        Dictionary<string, Guid> Teams, Dictionary<string, Guid> Areas, Dictionary<string, Guid> Policies, Dictionary<string, Guid> Services,
        Dictionary<string, Guid> ChatChannels, IReadOnlySet<string> ListedKinds)
    {
        public bool Listed(string what) => ListedKinds.Contains(what);

        public static async Task<Ids> ReadAsync(LifelineDbContext db, ConfigDocument file, bool placeholders, CancellationToken ct)
        {
            var listed = new HashSet<string>();
            async Task<Dictionary<string, Guid>> Read<T>(IQueryable<NameId> stored, List<T>? entries, string what) where T : INamedEntry
            {
                var inDatabase = (await stored.ToListAsync(ct)).GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
                if (entries is null || !placeholders)
                {
                    return inDatabase;
                }
                listed.Add(what);
                return entries.Where(e => !string.IsNullOrWhiteSpace(e.Name)).DistinctBy(e => e.Name)
                    .ToDictionary(e => e.Name!, e => inDatabase.GetValueOrDefault(e.Name!, Guid.Empty), StringComparer.Ordinal);
            }
            return new Ids(
                await Read(db.People.Select(p => new NameId(p.Name, p.Id)), file.People, "person"),
                await Read(db.Schedules.Select(p => new NameId(p.Name, p.Id)), file.Schedules, "schedule"),
                await Read(db.DirectoryRoles.Select(p => new NameId(p.Name, p.Id)), file.Roles, "role"),
                await Read(db.Teams.Select(p => new NameId(p.Name, p.Id)), file.Teams, "team"),
                await Read(db.ServiceAreas.Select(p => new NameId(p.Name, p.Id)), file.ServiceAreas, "service area"),
                await Read(db.EscalationPolicies.Select(p => new NameId(p.Name, p.Id)), file.EscalationPolicies, "escalation policy"),
                await Read(db.Services.Select(p => new NameId(p.Name, p.Id)), file.Services, "service"),
                // Not in the file: a channel's URL is a credential, so channels are made on the server, and named here.
                await Read<ServiceEntry>(db.ChatChannels.Select(c => new NameId(c.Name, c.Id)), null, "chat channel"),
                listed);
        }
    }
}
