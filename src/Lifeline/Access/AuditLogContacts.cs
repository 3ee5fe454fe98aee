using System.Text.Json.Nodes;
using Lifeline.Directory.People;

namespace Lifeline.Access;

/// <summary>
/// Contact values in the audit log: a contact method's before and after hold the phone number or address. A viewer
/// entitled to contact data sees them, and the read is in the access log like any other; anyone else sees them masked.
/// </summary>
public static class AuditLogContacts
{
    private const string ContactMethodType = nameof(ContactMethod);

    /// <summary>The people whose contact values these entries show.</summary>
    public static IEnumerable<Guid> PeopleIn(IEnumerable<AuditEntryView> entries) =>
        entries.Where(e => e.EntityType == ContactMethodType).SelectMany(e => new[] { e.Before, e.After })
            .Select(json => json is null ? null : JsonNode.Parse(json)?["PersonId"]?.GetValue<Guid>()).OfType<Guid>().Distinct();

    public static AuditEntryView Masked(AuditEntryView entry) =>
        entry.EntityType == ContactMethodType ? entry with { Before = Mask(entry.Before), After = Mask(entry.After) } : entry;

    private static string? Mask(string? json)
    {
        if (json is null || JsonNode.Parse(json) is not JsonObject values || values["Value"]?.GetValue<string>() is not { } value)
        {
            return json;
        }
        var kind = values["Kind"] switch
        {
            JsonValue v when v.TryGetValue<int>(out var number) && Enum.IsDefined((ContactMethodKind)number) => (ContactMethodKind)number,
            JsonValue v when v.TryGetValue<string>(out var name) && Enum.TryParse<ContactMethodKind>(name, out var parsed) => parsed,
            _ => ContactMethodKind.Webhook,
        };
        values["Value"] = ContactMask.Mask(kind, value);
        return values.ToJsonString();
    }
}
