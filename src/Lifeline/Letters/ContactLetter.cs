using Lifeline.Directory.People;
using Lifeline.Notifications;
using Lifeline.Severity;

namespace Lifeline.Letters;

/// <summary>
/// The organisation-wide emergency contact letter (seed <c>000_0a399037f6dac8b4.txt</c>), generated from the directory,
/// the severity table, the escalation policy, the communication plans, the shift calendar and <see cref="LetterOptions"/>.
/// Personal contact values are in clear only for <see cref="Access.LifelineRoles.ContactDataReaders"/> (the full edition);
/// everyone else gets the general edition, with them masked. <see cref="Version"/> is a hash of what this edition says,
/// so a printed copy can be checked against the current one.
/// </summary>
public sealed record ContactLetter(
    string Organisation,
    DateTimeOffset GeneratedAt,
    string Version,
    LetterEdition Edition,
    PublishedLine? HelpDesk,
    IReadOnlyList<HierarchyStep> Hierarchy,
    LetterHours Hours,
    IReadOnlyList<LetterSeverity> Severities,
    IReadOnlyList<LetterRole> Roles,
    LetterAccess Access,
    LetterEscalation Escalation,
    IReadOnlyList<LetterContact> Hotlines,
    string? DataBackups,
    string DrillSchedule,
    bool DrillsScheduled,
    IReadOnlyList<LetterDrill> NextDrills);

/// <summary>A drill to come, from Lifeline's drill schedules: when (an instant, and in words in the schedule's zone) and what it rehearses.</summary>
public sealed record LetterDrill(DateTimeOffset At, string LocalTime, string TimeZone, string Schedule, string Service, string Policy);

/// <summary>Full: personal contact values in clear (Level 1, incident managers, administrators). General: masked.</summary>
public enum LetterEdition
{
    General,
    Full,
}

/// <summary>A team's own line and mailbox: published contacts, not a person's.</summary>
public sealed record PublishedLine(string Name, string? Phone, string? PhoneDisplay, string? Email, string? Description);

/// <summary>One step of the contact hierarchy: a role and who holds it, with their contact values as the edition shows them.</summary>
public sealed record HierarchyStep(int Position, string Role, string? Responsibilities, IReadOnlyList<LetterContact> People);

/// <summary>A person and the contact values the edition shows (masked in the general edition).</summary>
public sealed record LetterContact(Guid PersonId, string Name, string? Title, IReadOnlyList<ShownContact> Contacts);

/// <summary>
/// One contact value as the viewer may see it. <c>Dial</c> is the E.164 number for a <c>tel:</c> link, only when in clear.
/// </summary>
public sealed record ShownContact(ContactMethodKind Kind, string? Label, string Value, bool Masked, string? Dial);

public sealed record LetterHours(string TimeZone, IReadOnlyList<string> BusinessHours, IReadOnlyList<string> UpcomingHolidays);

public sealed record LetterSeverity(int Level, string Name, string Definition, int AcknowledgeWithinMinutes, int StatusUpdateEveryMinutes,
    int ResolveWithinMinutes, SeverityProcedure Procedure);

public sealed record LetterRole(string Name, string? Responsibilities, IReadOnlyList<string> Holders);

/// <summary>Who may see what: the account roles that see contact values in clear, the others, and the rules.</summary>
public sealed record LetterAccess(IReadOnlyList<string> ClearRoles, IReadOnlyList<string> MaskedRoles, IReadOnlyList<string> Rules);

/// <summary>The escalation procedure: the default policy's tiers and who is told, from the communication plans.</summary>
public sealed record LetterEscalation(string? PolicyName, string? PolicyDescription, int RepeatCount, IReadOnlyList<LetterTier> Tiers,
    IReadOnlyList<string> Notices);

public sealed record LetterTier(int Position, IReadOnlyList<string> Targets, IReadOnlyList<NotificationChannel> Channels, int WaitMinutes);
