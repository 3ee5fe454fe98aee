namespace Lifeline.ConfigAsCode;

public enum ChangeAction
{
    Add,
    Change,
    Remove,
}

/// <summary>One entry a file adds, changes or removes; <see cref="Fields"/> say how a changed one changes ("title: 'A' → 'B'").</summary>
public sealed record ConfigChange(ChangeAction Action, string Section, string Name, IReadOnlyList<string> Fields)
{
    public override string ToString() =>
        (Action switch { ChangeAction.Add => "+ ", ChangeAction.Remove => "- ", _ => "~ " }) + $"{Section}: {Name}" +
        (Fields.Count == 0 ? "" : " (" + string.Join("; ", Fields) + ")");
}

/// <summary>
/// What applying a file would change, entry by entry, compared by name. A section the file leaves out changes nothing;
/// a person's contact methods and a bridge PIN the file leaves out are kept, and their values are never shown.
/// </summary>
public static class ConfigDiff
{
    private const int Shown = 60;

    public static List<ConfigChange> Compare(ConfigDocument current, ConfigDocument file)
    {
        var changes = new List<ConfigChange>();
        Named(changes, "organisations", current.Organisations, file.Organisations);
        Named(changes, "people", current.People, file.People);
        Named(changes, "schedules", current.Schedules, file.Schedules);
        Named(changes, "roles", current.Roles, file.Roles);
        Named(changes, "teams", current.Teams, file.Teams);
        Named(changes, "serviceAreas", current.ServiceAreas, file.ServiceAreas);
        Named(changes, "escalationPolicies", current.EscalationPolicies, file.EscalationPolicies);
        Named(changes, "services", current.Services, file.Services);
        Named(changes, "communicationPlans", current.CommunicationPlans, file.CommunicationPlans);
        if (file.Calendar is { } calendar && Fields(current.Calendar, calendar) is { Count: > 0 } fields)
        {
            changes.Add(new ConfigChange(ChangeAction.Change, "calendar", "the shift calendar", fields));
        }
        foreach (var template in file.Templates ?? [])
        {
            var before = current.Templates?.Find(t => t.Key == template.Key);
            if (before is not null && Fields(before, template) is { Count: > 0 } changed)
            {
                changes.Add(new ConfigChange(ChangeAction.Change, "templates", template.Key!, changed));
            }
        }
        return changes;
    }

    private static void Named<T>(List<ConfigChange> changes, string section, List<T>? current, List<T>? file) where T : class, INamedEntry
    {
        if (file is null)
        {
            return;
        }
        var before = (current ?? []).ToDictionary(e => e.Name!, StringComparer.Ordinal);
        foreach (var entry in file)
        {
            if (!before.TryGetValue(entry.Name!, out var old))
            {
                changes.Add(new ConfigChange(ChangeAction.Add, section, entry.Name!, []));
            }
            else if (Fields(old, entry) is { Count: > 0 } fields)
            {
                changes.Add(new ConfigChange(ChangeAction.Change, section, entry.Name!, fields));
            }
        }
        var kept = file.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(before.Keys.Where(name => !kept.Contains(name)).Select(name => new ConfigChange(ChangeAction.Remove, section, name, [])));
    }

    /// <summary>The fields of <paramref name="after"/> that differ from <paramref name="before"/>, described.</summary>
    internal static List<string> Fields<T>(T? before, T after) where T : class
    {
        var fields = new List<string>();
        foreach (var property in typeof(T).GetProperties())
        {
            var next = property.GetValue(after);
            if (next is null && property.Name is nameof(PersonEntry.ContactMethods) or nameof(ServiceAreaEntry.BridgePin))
            {
                continue; // left out of the file: kept as it is
            }
            var was = before is null ? null : property.GetValue(before);
            var (a, b) = (ConfigYaml.Fragment(was), ConfigYaml.Fragment(next));
            if (a == b)
            {
                continue;
            }
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            fields.Add(property.Name switch
            {
                nameof(PersonEntry.ContactMethods) => $"{name}: {Count(was)} → {Count(next)} methods, values not shown",
                nameof(ServiceAreaEntry.BridgePin) => $"{name}: changed, not shown",
                _ when Scalar(a) && Scalar(b) => $"{name}: {Quote(a)} → {Quote(b)}",
                _ => $"{name}: changed",
            });
        }
        return fields;
    }

    private static int Count(object? list) => list is System.Collections.ICollection c ? c.Count : 0;

    private static bool Scalar(string fragment) => !fragment.Contains('\n', StringComparison.Ordinal) && fragment.Length <= Shown;

    private static string Quote(string fragment) => fragment.Length == 0 ? "(none)" : fragment;
}
