namespace Lifeline.Schedules;

/// <summary>
/// The engine job kinds of schedules. Their jobs belong to no incident: <c>IncidentId</c> holds the schedule's id and
/// the fence key says the rest (<see cref="ShiftNotices"/>).
/// </summary>
public static class ScheduleJobKinds
{
    /// <summary>Looks a day and the notice time ahead and schedules that period's notices; then schedules itself for the next day.</summary>
    public const string Watch = "ScheduleWatch";

    /// <summary>One notice: on call ahead, hand-off, or a gap alert; checked against the schedule as it is when it is due.</summary>
    public const string Notice = "ShiftNotice";
}
