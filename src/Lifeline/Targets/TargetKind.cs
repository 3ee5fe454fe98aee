namespace Lifeline.Targets;

/// <summary>
/// Who a tier or a communication rule reaches. Relative kinds are resolved per incident. A new kind
/// is one more member here and one more case in <see cref="TargetResolver"/> (or, for a place rather than people, in
/// the tier pager and the stakeholder notifier, as for <see cref="ChatChannel"/>).
/// </summary>
public enum TargetKind
{
    Person,
    /// <summary>Everyone holding the role, in the role's order.</summary>
    Role,
    /// <summary>Every member of the team, leads first.</summary>
    Team,
    /// <summary>The manager of the service area of the incident's service.</summary>
    ServiceAreaManager,
    /// <summary>The incident manager named on the incident.</summary>
    IncidentManager,
    /// <summary>Whoever is on call in the schedule at the time.</summary>
    Schedule,
    /// <summary>A chat channel (<see cref="Chat.ChatChannel"/>): a message is posted there; it is not resolved to people.</summary>
    ChatChannel,
}
