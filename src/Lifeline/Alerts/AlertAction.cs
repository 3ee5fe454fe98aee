namespace Lifeline.Alerts;

/// <summary>What an event asks for, as PagerDuty's <c>event_action</c>.</summary>
public enum AlertAction
{
    Trigger,
    Acknowledge,
    Resolve,
}
