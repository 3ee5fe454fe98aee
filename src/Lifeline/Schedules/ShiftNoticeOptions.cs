using System.ComponentModel.DataAnnotations;

namespace Lifeline.Schedules;

/// <summary>The <c>Lifeline:Schedules</c> section: how far ahead people hear about their shifts and admins about gaps.</summary>
public sealed class ShiftNoticeOptions
{
    public const string Section = "Lifeline:Schedules";

    /// <summary>"You are on call from Monday 08:00" goes out this long before the shift starts (and a gap alert before a gap).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan NoticeAhead { get; set; } = TimeSpan.FromHours(12);
}
