namespace Lifeline.Notifications.Twilio;

/// <summary>The <c>Lifeline:Twilio</c> section, and <c>Lifeline:PublicUrl</c> for the callbacks Twilio makes.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Lifeline:Twilio";

    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }
    /// <summary>The Twilio number messages and calls come from, E.164.</summary>
    public string? FromNumber { get; set; }
    public string BaseUrl { get; set; } = "https://api.twilio.com";
    /// <summary>Lifeline's address as Twilio reaches it (<c>Lifeline:PublicUrl</c>): callbacks go there and signatures are computed over it.</summary>
    public string? PublicUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken) && !string.IsNullOrWhiteSpace(FromNumber);

    /// <summary>An absolute URL under <see cref="PublicUrl"/>, or null without one (then Twilio sends no callbacks).</summary>
    public string? Callback(string pathAndQuery) => string.IsNullOrWhiteSpace(PublicUrl) ? null : PublicUrl.TrimEnd('/') + pathAndQuery;
}
