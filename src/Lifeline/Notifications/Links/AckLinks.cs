using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Links;

/// <summary>What an acknowledgement link stands for: this person acknowledges this incident (or, for a Level 2 page, this team's page).</summary>
public sealed record AckLinkPayload(Guid NotificationId, Guid IncidentId, Guid PersonId, Guid? TeamId, DateTimeOffset IssuedAt);

/// <summary>
/// Makes and reads acknowledgement links. The token is the payload signed and encrypted with ASP.NET
/// Data Protection (keys in the database, so every instance reads every link); nothing is stored
/// until the link is used. The issue time is the notification's creation time, so a message
/// rendered again for a retry carries an equivalent link with the same 24 hours.
/// </summary>
public sealed class AckLinks(IDataProtectionProvider protection, IOptions<LinkOptions> options)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private readonly IDataProtector _protector = protection.CreateProtector("Lifeline.Notifications.AckLink.v1");

    /// <summary>The incident's page in the console: one tap from a page's text or e-mail (sign in first if need be, then back to it).</summary>
    public string IncidentUrl(string number) => $"{options.Value.PublicUrl.TrimEnd('/')}/incidents/{Uri.EscapeDataString(number)}";

    public string UrlFor(AckLinkPayload payload) =>
        $"{options.Value.PublicUrl.TrimEnd('/')}/ack/{WebEncoders.Base64UrlEncode(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(payload)))}";

    /// <returns>The payload, or null when the token was not made by this server or was altered.</returns>
    public AckLinkPayload? Read(string token)
    {
        try
        {
            return JsonSerializer.Deserialize<AckLinkPayload>(_protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
