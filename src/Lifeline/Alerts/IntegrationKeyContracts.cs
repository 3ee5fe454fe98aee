namespace Lifeline.Alerts;

public sealed record IntegrationKeyRequest(string Name);
public sealed record RotateIntegrationKeyRequest(int? OverlapMinutes);
public sealed record IntegrationKeyView(Guid Id, Guid ServiceId, string Name, string Hint, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, bool Active);
/// <summary>A key just made: <see cref="Key"/> is shown this once and never again.</summary>
public sealed record IssuedIntegrationKey(IntegrationKeyView Integration, string Key);
