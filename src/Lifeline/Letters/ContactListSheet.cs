using Lifeline.Notifications;

namespace Lifeline.Letters;

/// <summary>
/// The Severity 1 contact list, the seed's "DOIT Service Unit Severity 1 Contact List ... for Level 1 use only": who to
/// call, in order, for each step of the Severity 1 chain (cell first), the service area managers (the last backup) with
/// their bridges, and the directors the communication plan tells. Built from the escalation policies and the directory.
/// <see cref="Masked"/> says whether contact values are hidden; <see cref="Version"/> is a hash of what this copy says.
/// </summary>
public sealed record ContactListSheet(
    DateTimeOffset GeneratedAt,
    string Version,
    bool Masked,
    IReadOnlyList<int> Severities,
    PublishedLine? HelpDesk,
    IReadOnlyList<ContactListChain> Chains,
    IReadOnlyList<ContactListArea> ServiceAreas,
    IReadOnlyList<ContactListStep> Notify);

/// <summary>One escalation policy's chain and the services it covers (the default policy covers every service naming none).</summary>
public sealed record ContactListChain(string Policy, bool IsDefault, IReadOnlyList<string> Services, int RepeatCount, IReadOnlyList<ContactListStep> Steps);

/// <summary>
/// One step: "1. Incident Manager 1, by voice call then SMS, 5 minutes to answer", and the people to call, in order.
/// <c>Note</c> explains a step that names nobody fixed ("the service area manager of the affected service, below").
/// </summary>
public sealed record ContactListStep(int Position, string Title, IReadOnlyList<NotificationChannel> Channels, int? WaitMinutes,
    IReadOnlyList<LetterContact> People, string? Note);

/// <summary>A service area: its manager (the secondary backup), its services and its conference bridge.</summary>
public sealed record ContactListArea(string Name, LetterContact Manager, IReadOnlyList<string> Services,
    string? BridgeDialIn, string? BridgePin, string? BridgeLink);
