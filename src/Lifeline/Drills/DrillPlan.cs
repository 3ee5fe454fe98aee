namespace Lifeline.Drills;

/// <summary>
/// What the drill being opened in this unit of work pages: set by <see cref="DrillService"/> just before it opens the
/// drill incident, read by <see cref="DrillStarter"/> when the incident is opened. A drill incident opened any other
/// way (the API's <c>isDrill</c>) has none, and pages its service's policy.
/// </summary>
public sealed class DrillPlan
{
    public (Guid PolicyId, Guid? ScheduleId)? Pending { get; set; }
}
