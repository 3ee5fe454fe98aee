using System.ComponentModel.DataAnnotations;

namespace Lifeline.Letters;

/// <summary>
/// The <c>Lifeline:Letter</c> settings: what the organisation-wide emergency contact letter takes from configuration
/// rather than from the directory, because Lifeline does not keep it (yet).
/// </summary>
public sealed class LetterOptions
{
    public const string Section = "Lifeline:Letter";

    /// <summary>Who the letter is from, e.g. "Department of Information Technology".</summary>
    [MaxLength(200)]
    public string Organisation { get; set; } = "The IT department";

    /// <summary>
    /// The contact hierarchy after the Help Desk, as names of directory roles in order: the seed letter's
    /// "Help Desk → IT Manager → CTO". Roles that do not exist are left out of the letter.
    /// </summary>
    public List<string> Hierarchy { get; set; } = [];

    /// <summary>
    /// <see cref="Hierarchy"/>, or the seed letter's IT Manager and CTO when it is not set. (A default inside the list
    /// itself would not be replaced by the setting: the configuration binder adds to a list that has items.)
    /// </summary>
    public IReadOnlyList<string> HierarchyRoles => Hierarchy.Count > 0 ? Hierarchy : ["IT Manager", "Chief Technology Officer"];

    /// <summary>
    /// The drill schedule in words (e.g. "Bi-monthly, on the first Tuesday of odd months"). The letter lists the next
    /// drills from Lifeline's drill schedules after it either way; without this setting it says that drills run on a
    /// schedule, or, when there is none, that no drills are scheduled in Lifeline, and invents no dates.
    /// </summary>
    [MaxLength(1000)]
    public string? DrillSchedule { get; set; }

    /// <summary>How data is backed up (e.g. "Nightly copies to the offsite data centre"); Lifeline does not know. Left out when empty.</summary>
    [MaxLength(1000)]
    public string? DataBackups { get; set; }
}
