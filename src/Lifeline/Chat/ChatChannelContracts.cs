namespace Lifeline.Chat;

/// <summary>A channel as an admin enters it: <see cref="Url"/> is the incoming webhook's URL.</summary>
public sealed record ChatChannelRequest(string Name, string Url, Guid? TeamId = null, string? Description = null);

/// <summary>
/// A channel as shown: <see cref="Url"/> in clear for admins only, otherwise masked to its host
/// ("https://hooks.slack.com/•••"), like a chat contact method.
/// </summary>
public sealed record ChatChannelView(Guid Id, string Name, string? Description, string Url, bool UrlMasked, ChatPlatform Platform,
    Guid? TeamId, string? TeamName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The queued test message.</summary>
public sealed record ChatChannelTestQueued(Guid Id, Guid ChatChannelId, string Status);
