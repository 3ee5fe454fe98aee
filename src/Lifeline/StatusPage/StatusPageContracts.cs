namespace Lifeline.StatusPage;

/// <summary>
/// One current incident as stakeholders see it: the service, how bad, since when, and the latest status-update text.
/// Nobody is named and no contact value appears (see <see cref="StatusBoard"/>).
/// </summary>
public sealed record StatusPageIncident(string Number, string Service, int Severity, string SeverityName, string Status, DateTimeOffset OpenedAt,
    string? LatestUpdate, DateTimeOffset? LatestUpdateAt, DateTimeOffset? ExpectedResolutionAt);

public sealed record StatusPageView(DateTimeOffset GeneratedAt, IReadOnlyList<StatusPageIncident> Incidents);
