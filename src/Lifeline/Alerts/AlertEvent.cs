namespace Lifeline.Alerts;

public sealed record AlertLink(string Href, string? Text);
public sealed record AlertImage(string Src, string? Href, string? Alt);

/// <summary>One event from a monitoring tool, whichever door it came through (Events API v2, native, Alertmanager).</summary>
public sealed record AlertEvent(AlertAction Action, string? DedupKey, string? Summary, string? Source, string? Severity, DateTimeOffset? DetectedAt,
    string? Component, string? Group, string? Class, IReadOnlyDictionary<string, string> Labels, string? Details,
    IReadOnlyList<AlertLink> Links, IReadOnlyList<AlertImage> Images, string Origin);
