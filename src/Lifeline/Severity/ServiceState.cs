namespace Lifeline.Severity;

/// <summary>Whether the affected service still works, slowly, or not at all.</summary>
public enum ServiceState
{
    Degraded = 1,
    Down = 2,
}
