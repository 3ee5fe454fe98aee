using Lifeline.Api;

namespace Lifeline.Directory.People.Csv;

/// <summary>One row on its way through an import: what it asks for, what it would change, what is wrong with it.</summary>
internal sealed class PlannedRow(int line, string name)
{
    public int Line { get; } = line;
    public string Name { get; } = name;
    public ImportRowAction Action { get; set; } = ImportRowAction.Create;
    public Guid? PersonId { get; set; }
    public PersonRequest Request { get; set; } = new("", null, null, null, null);
    public bool PersonChanged { get; set; }
    public List<ContactMethodRequest> NewMethods { get; } = [];
    public List<NamedRef> NewTeams { get; } = [];
    public List<NamedRef> NewRoles { get; } = [];
    public List<string> Changes { get; } = [];
    public List<string> Errors { get; } = [];
}

/// <summary>
/// Checks every row against the rules, the file and the directory, and works out what it would create or change. Error
/// messages name the column and may quote the cell (the importing admin wrote it); changes never quote a contact value.
/// </summary>
internal sealed class ImportPlanner(ContactValueRules rules, ImportDirectory directory)
{
    private readonly Dictionary<string, int> _emails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, int> _people = [];

    public IReadOnlyList<PlannedRow> Plan(IReadOnlyList<PeopleCsvRow> rows) => [.. rows.Select(PlanRow)];

    private PlannedRow PlanRow(PeopleCsvRow row)
    {
        var name = row.Cell(PeopleCsv.Name);
        var planned = new PlannedRow(row.Line, name);
        var errors = planned.Errors;
        var title = NullIfEmpty(row.Cell(PeopleCsv.Title));
        var timeZone = NullIfEmpty(row.Cell(PeopleCsv.TimeZone));
        var notes = NullIfEmpty(row.Cell(PeopleCsv.Notes));
        var check = new Validator().Required("name", name, 200).SingleLine("name", name).Optional("title", title, 200).SingleLine("title", title)
            .Optional("notes", notes, 4000);
        errors.AddRange(check.Errors.SelectMany(e => e.Value));
        if (timeZone is not null && !ContactValueRules.IsTimeZone(timeZone))
        {
            errors.Add($"time_zone: '{timeZone}' is not an IANA time zone id such as America/New_York.");
        }

        var methods = new List<(ContactMethodKind Kind, string Value)>();
        Contacts(row, PeopleCsv.Email, ContactMethodKind.Email, methods, errors);
        Contacts(row, PeopleCsv.WorkPhone, ContactMethodKind.OfficePhone, methods, errors);
        Contacts(row, PeopleCsv.CellPhone, ContactMethodKind.CellPhone, methods, errors);
        var teams = Named(row.List(PeopleCsv.Teams), directory.Teams, "team", errors);
        var roles = Named(row.List(PeopleCsv.Roles), directory.Roles, "role", errors);

        // Within the file: the first row with a name or an address is the one that counts, later ones are duplicates.
        if (name.Length > 0 && !_names.TryAdd(name, row.Line))
        {
            errors.Add($"Row {_names[name]} already has the name {name}; one row per person.");
        }
        foreach (var email in methods.Where(m => m.Kind == ContactMethodKind.Email).Select(m => ImportDirectory.Key(m.Kind, m.Value)))
        {
            if (!_emails.TryAdd(email, row.Line) && _emails[email] != row.Line)
            {
                errors.Add($"email: row {_emails[email]} already has this address; one row per person.");
            }
        }

        var existing = Match(name, methods, errors);
        if (existing is not null && !_people.TryAdd(existing.Id, row.Line))
        {
            errors.Add($"Row {_people[existing.Id]} already describes {existing.Name}; one row per person.");
        }
        if (errors.Count > 0)
        {
            planned.Action = ImportRowAction.Error;
            return planned;
        }

        var requests = methods.Select((m, i) => new ContactMethodRequest(m.Kind, m.Value, null, true, true, i)).ToList();
        if (existing is null)
        {
            planned.Action = ImportRowAction.Create;
            planned.Request = new PersonRequest(name, title, timeZone, notes, requests);
            planned.Changes.Add("new person");
            planned.Changes.AddRange(methods.Select(m => $"add {Describe(m.Kind)}"));
        }
        else
        {
            planned.PersonId = existing.Id;
            Compare(planned, "name", existing.Name, name);
            Compare(planned, "title", existing.Title, title ?? existing.Title);
            Compare(planned, "time zone", existing.TimeZone, timeZone ?? existing.TimeZone);
            if (notes is not null && notes != existing.Notes)
            {
                planned.PersonChanged = true;
                planned.Changes.Add("notes changed");
            }
            planned.Request = new PersonRequest(name, title ?? existing.Title, timeZone ?? existing.TimeZone, notes ?? existing.Notes, null);
            var priority = existing.Methods.Count;
            foreach (var method in methods.Where(m => !existing.Methods.Contains((m.Kind, ImportDirectory.Key(m.Kind, m.Value)))))
            {
                planned.NewMethods.Add(new ContactMethodRequest(method.Kind, method.Value, null, true, true, Math.Min(priority++, 100)));
                planned.Changes.Add($"add {Describe(method.Kind)}");
            }
            teams.RemoveAll(t => existing.Teams.Contains(t.Id));
            roles.RemoveAll(r => existing.Roles.Contains(r.Id));
            planned.Action = planned.Changes.Count > 0 || teams.Count > 0 || roles.Count > 0 ? ImportRowAction.Update : ImportRowAction.Unchanged;
        }
        planned.NewTeams.AddRange(teams);
        planned.NewRoles.AddRange(roles);
        planned.Changes.AddRange(teams.Select(t => $"join team {t.Name}"));
        planned.Changes.AddRange(roles.Select(r => $"hold role {r.Name}"));
        return planned;
    }

    /// <summary>
    /// The existing person a row describes: the one with one of its e-mail addresses, or else the only one with its name.
    /// A row whose addresses and name point at different people is a duplicate the admin must resolve.
    /// </summary>
    private KnownPerson? Match(string name, List<(ContactMethodKind Kind, string Value)> methods, List<string> errors)
    {
        var byEmail = methods.Where(m => m.Kind == ContactMethodKind.Email)
            .Select(m => directory.ByEmail.GetValueOrDefault(ImportDirectory.Key(m.Kind, m.Value))).OfType<KnownPerson>().DistinctBy(p => p.Id).ToList();
        var byName = name.Length > 0 ? directory.ByName[name].ToList() : [];
        if (byEmail.Count > 1)
        {
            errors.Add($"email: the addresses belong to different people in the directory ({string.Join(" and ", byEmail.Select(p => p.Name))}).");
            return null;
        }
        if (byEmail.Count == 1)
        {
            var person = byEmail[0];
            if (byName.Count > 0 && byName.All(p => p.Id != person.Id))
            {
                errors.Add($"name: {name} is another person in the directory than the one with this e-mail address ({person.Name}).");
                return null;
            }
            return person;
        }
        if (byName.Count > 1)
        {
            errors.Add($"name: {byName.Count} people in the directory are named {name}; add the e-mail address of the one this row is about.");
            return null;
        }
        return byName.Count == 1 ? byName[0] : null;
    }

    private void Contacts(PeopleCsvRow row, string column, ContactMethodKind kind, List<(ContactMethodKind, string)> methods, List<string> errors)
    {
        foreach (var raw in row.List(column))
        {
            if (!rules.TryNormalise(kind, raw, out var value, out var error))
            {
                errors.Add($"{column}: {error}");
            }
            else if (!methods.Contains((kind, value)))
            {
                methods.Add((kind, value));
            }
        }
    }

    private static List<NamedRef> Named(IReadOnlyList<string> names, IReadOnlyDictionary<string, NamedRef> known, string what, List<string> errors)
    {
        var found = new List<NamedRef>();
        foreach (var name in names)
        {
            if (known.TryGetValue(name, out var named))
            {
                if (!found.Contains(named))
                {
                    found.Add(named);
                }
            }
            else
            {
                errors.Add($"{what}s: there is no {what} named '{name}'; add it to the directory first or correct the name.");
            }
        }
        return found;
    }

    private static void Compare(PlannedRow planned, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            planned.PersonChanged = true;
            planned.Changes.Add($"{field}: {before ?? "(none)"} → {after ?? "(none)"}");
        }
    }

    private static string Describe(ContactMethodKind kind) => kind switch
    {
        ContactMethodKind.Email => "e-mail address",
        ContactMethodKind.OfficePhone => "work phone",
        ContactMethodKind.CellPhone => "cell phone",
        _ => kind.ToString(),
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
