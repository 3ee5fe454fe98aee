using System.ComponentModel.DataAnnotations;

namespace Lifeline.Notifications.Dispatch;

/// <summary>The <c>Lifeline:Dispatch</c> section.</summary>
public sealed class DispatchOptions : IValidatableObject
{
    public const string Section = "Lifeline:Dispatch";

    /// <summary>Run the dispatcher loop in this instance. Tests turn it off and drive passes themselves.</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>The longest the loop sleeps: how late another instance's new notification or a due retry can be found.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most notifications one claim takes. A pass claims again whenever sends finish and a
    /// channel has room, so this bounds a transaction's size, not the rate; it should be at least
    /// the largest channel's concurrency, so one claim can fill an idle channel.
    /// </summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Sends in flight at once per channel, unless <see cref="ChannelConcurrency"/> names the channel;
    /// a slow provider holds up only its own channel. A send mostly waits for the provider, so a
    /// channel's rate is at most this divided by the provider's answer time: 200 sends in flight at
    /// 200 ms an answer is 1,000 messages a second, where 8 was 40. Twilio takes many concurrent REST
    /// requests per account and answers 429 beyond its account's limit (never processed, safe to
    /// retry: a temporary failure here); a webhook receiver is a web server built for many clients.
    /// </summary>
    [Range(1, 1000)]
    public int ConcurrencyPerChannel { get; set; } = 200;

    /// <summary>
    /// Per-channel exceptions to <see cref="ConcurrencyPerChannel"/>. E-mail is 4 by default: each
    /// e-mail is its own SMTP connection, and a relay throttles or refuses a client that opens many
    /// at once (connection limits per client or per mailbox), while a relay answers in tens of
    /// milliseconds, so a few connections still carry hundreds of messages a second.
    /// </summary>
    public Dictionary<NotificationChannel, int> ChannelConcurrency { get; set; } = new() { [NotificationChannel.Email] = 4 };

    /// <summary>How long a notification may stay Sending before it counts as lost in a crash and is sent again.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Quick retries inside one pass for a temporary failure (a blip), before the notification waits for a later pass.</summary>
    [Range(0, 10)]
    public int QuickRetries { get; set; } = 2;

    /// <summary>The first quick retry's delay; doubled for each further one, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan QuickRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait before the first later pass; doubled for each further attempt, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "06:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts (passes) after which a temporary failure counts as permanent and the fallback takes over.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// For a notice that names a fallback channel (the directors' e-mail, with a phone call when e-mail is down): how long
    /// it may keep failing for now before the fallback is queued, while it keeps being retried. Waiting for
    /// <see cref="MaxAttempts"/> would take about 35 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FallbackAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Age after which a notification still failing is given up: a page an hour late helps nobody, its fallback might.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Messages at most per contact method within <see cref="RateLimitWindow"/>; more are held back and bundled.</summary>
    [Range(1, 1000)]
    public int RateLimitCount { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sends in flight at once on <paramref name="channel"/>.</summary>
    public int ConcurrencyFor(NotificationChannel channel) => ChannelConcurrency.TryGetValue(channel, out var limit) ? limit : ConcurrencyPerChannel;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        ChannelConcurrency.Where(c => c.Value is < 1 or > 1000)
            .Select(c => new ValidationResult($"{Section}:{nameof(ChannelConcurrency)}:{c.Key} must be between 1 and 1000.", [nameof(ChannelConcurrency)]));
}
