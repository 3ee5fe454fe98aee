namespace Lifeline.ConfigAsCode;

// The YAML form of Lifeline's configuration: the directory, roles, teams, service areas, services, schedules, escalation
// policies, communication plans, the shift calendar and the message templates. Everything is named, never an id, so the
// file reads as the contact letter does and moves between databases. A section left out of a file is left alone by an
// import; a section that is there is the whole truth for its kind (what it does not list is removed).
// Values are plain strings where the file is most often mistyped (kinds, channels, times), so a mistake gets Lifeline's
// own words and the line, not a parser's.

/// <summary>The whole file. <see cref="Version"/> is the format's, so a later Lifeline can read an earlier file.</summary>
public sealed class ConfigDocument
{
    public int Version { get; set; } = 1;
    public List<OrganisationEntry>? Organisations { get; set; }
    public List<PersonEntry>? People { get; set; }
    public List<ScheduleEntry>? Schedules { get; set; }
    public List<RoleEntry>? Roles { get; set; }
    public List<TeamEntry>? Teams { get; set; }
    public List<ServiceAreaEntry>? ServiceAreas { get; set; }
    public List<PolicyEntry>? EscalationPolicies { get; set; }
    public List<ServiceEntry>? Services { get; set; }
    public List<PlanEntry>? CommunicationPlans { get; set; }
    public CalendarEntry? Calendar { get; set; }
    public List<TemplateEntry>? Templates { get; set; }
}

/// <summary>An entry of a named list: what the diff and the error messages call it.</summary>
public interface INamedEntry
{
    string? Name { get; }
}

public sealed class OrganisationEntry : INamedEntry
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool Vip { get; set; }
}

public sealed class PersonEntry : INamedEntry
{
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? TimeZone { get; set; }
    public string? Notes { get; set; }
    /// <summary>Only in a file exported with contacts. Absent: the person's methods are left as they are.</summary>
    public List<ContactEntry>? ContactMethods { get; set; }
}

public sealed class ContactEntry
{
    public string? Kind { get; set; }
    public string? Value { get; set; }
    public string? Label { get; set; }
    public bool Sms { get; set; }
    public bool Voice { get; set; }
    public int Priority { get; set; }
}

public sealed class ScheduleEntry : INamedEntry
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? TimeZone { get; set; }
    public List<LayerEntry>? Layers { get; set; }
}

public sealed class LayerEntry
{
    public string? Name { get; set; }
    public List<string>? Participants { get; set; }
    public int ShiftCount { get; set; } = 1;
    public string? ShiftUnit { get; set; }
    public string? StartDate { get; set; }
    public string? HandOffTime { get; set; }
    public int? OnShifts { get; set; }
    public int? OffShifts { get; set; }
    public List<string>? ShiftDays { get; set; }
    public List<RestrictionEntry>? Restrictions { get; set; }
    public string? Coverage { get; set; }
    public bool Fairness { get; set; }
    /// <summary>On call only on the shift calendar's holidays.</summary>
    public bool HolidaysOnly { get; set; }
}

public sealed class RestrictionEntry
{
    public List<string>? Days { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
}

public sealed class RoleEntry : INamedEntry
{
    public string? Name { get; set; }
    public string? Responsibilities { get; set; }
    /// <summary>People's names, in the order they are asked.</summary>
    public List<string>? Holders { get; set; }
    /// <summary>A schedule's name: whoever is on call there holds the role.</summary>
    public string? HeldThrough { get; set; }
}

public sealed class TeamEntry : INamedEntry
{
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Description { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? EscalationPolicy { get; set; }
    public List<MemberEntry>? Members { get; set; }
}

public sealed class MemberEntry
{
    public string? Person { get; set; }
    public bool Lead { get; set; }
}

public sealed class ServiceAreaEntry : INamedEntry
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Manager { get; set; }
    public List<string>? DefaultTeams { get; set; }
    public string? BridgeDialIn { get; set; }
    /// <summary>A secret: only in a file exported with secrets. Absent: left as it is; empty: removed.</summary>
    public string? BridgePin { get; set; }
    public string? BridgeLink { get; set; }
}

public sealed class ServiceEntry : INamedEntry
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? ServiceArea { get; set; }
    public bool MajorEnterprise { get; set; }
    public bool PublicFacing { get; set; }
    /// <summary>Its current incidents shown on the anonymous status page (/status).</summary>
    public bool OnPublicStatusPage { get; set; }
    /// <summary>Absent: the default policy.</summary>
    public string? EscalationPolicy { get; set; }
}

public sealed class PolicyEntry : INamedEntry
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool Default { get; set; }
    public int Repeat { get; set; }
    public List<TierEntry>? Tiers { get; set; }
}

public sealed class TierEntry
{
    /// <summary>How long to wait for an acknowledgement, as minutes ("15") or hh:mm:ss.</summary>
    public string? Wait { get; set; }
    public List<string>? Channels { get; set; }
    public List<TargetEntry>? Targets { get; set; }
}

/// <summary>Exactly one of the fields: a person, role, team or schedule by name, or a relative target.</summary>
public sealed class TargetEntry
{
    public string? Person { get; set; }
    public string? Role { get; set; }
    public string? Team { get; set; }
    public string? Schedule { get; set; }
    /// <summary>
    /// A chat channel by name. Channels are not in the file (their webhook URL is a credential): the channel must exist on
    /// the server the file is applied to.
    /// </summary>
    public string? ChatChannel { get; set; }
    /// <summary><c>ServiceAreaManager</c> or <c>IncidentManager</c>: resolved per incident.</summary>
    public string? Relative { get; set; }
}

public sealed class PlanEntry : INamedEntry
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool Enabled { get; set; }
    public List<int>? Severities { get; set; }
    public List<RuleEntry>? Rules { get; set; }
}

public sealed class RuleEntry
{
    public string? Event { get; set; }
    public string? Shift { get; set; }
    public List<TargetEntry>? Recipients { get; set; }
    public string? Channel { get; set; }
    public string? Fallback { get; set; }
    public string? Instruction { get; set; }
}

public sealed class CalendarEntry
{
    public string? TimeZone { get; set; }
    public List<HoursEntry>? Hours { get; set; }
    public List<HolidayEntry>? Holidays { get; set; }
}

public sealed class HoursEntry
{
    public string? Day { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
}

public sealed class HolidayEntry
{
    public string? Date { get; set; }
    public string? Name { get; set; }
}

/// <summary>A message template by its key; templates are never added or removed by a file, only changed.</summary>
public sealed class TemplateEntry
{
    public string? Key { get; set; }
    public string? Subject { get; set; }
    public string? Text { get; set; }
    public string? Html { get; set; }
    public string? Short { get; set; }
}
