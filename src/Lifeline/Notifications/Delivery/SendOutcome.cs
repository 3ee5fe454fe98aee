namespace Lifeline.Notifications.Delivery;

public enum SendResult
{
    /// <summary>The provider accepted the message.</summary>
    Sent,
    /// <summary>Worth trying again (timeout, 5xx, 429, SMTP 4xx).</summary>
    TemporaryFailure,
    /// <summary>Will never work (invalid number, mailbox does not exist, 4xx): go to the fallback.</summary>
    PermanentFailure,
}

/// <summary>A sender's answer: the result, the provider's id for the message (for status callbacks), and the provider's reason on failure.</summary>
public sealed record SendOutcome(SendResult Result, string? ProviderMessageId = null, string? Error = null)
{
    public static SendOutcome Accepted(string? providerMessageId = null) => new(SendResult.Sent, providerMessageId);
    /// <summary>A failure worth retrying; the reason is kept without the addresses providers echo (see <see cref="ProviderReason"/>).</summary>
    public static SendOutcome Temporary(string error) => new(SendResult.TemporaryFailure, null, ProviderReason.Scrub(error));

    /// <summary>A failure for good; the reason is kept without the addresses providers echo (see <see cref="ProviderReason"/>).</summary>
    public static SendOutcome Permanent(string error) => new(SendResult.PermanentFailure, null, ProviderReason.Scrub(error));
}
