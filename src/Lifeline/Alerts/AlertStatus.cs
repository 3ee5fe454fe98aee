namespace Lifeline.Alerts;

public enum AlertStatus
{
    Triggered,
    Acknowledged,
    Resolved,
}
