namespace Lifeline.Incidents;

/// <summary>
/// Called by IncidentService inside the same unit of work, after the incident changed and BEFORE SaveChanges,
/// so whatever an observer adds to the DbContext is committed atomically with the change.
/// </summary>
public interface IIncidentObserver
{
    Task OnIncidentChangedAsync(IncidentChange change, CancellationToken ct);
}
