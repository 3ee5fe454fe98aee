namespace Lifeline.Communication;

/// <summary>The moments stakeholders hear about an incident (the seed's three e-mails).</summary>
public enum CommunicationEvent
{
    EscalationStarted,
    StatusUpdate,
    Resolved,
}
