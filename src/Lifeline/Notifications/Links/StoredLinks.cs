using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Lifeline.Notifications.Links;

/// <summary>
/// A link a queued message must carry that holds a credential and cannot be made again when rendering (the customer's
/// one-time survey link): stored in <see cref="Notification.Link"/> encrypted with the data-protection key ring, whose
/// keys the certificate outside the database protects, so a copy of the database does not answer surveys. Revealed
/// only to render the message.
/// </summary>
public sealed class StoredLinks(IDataProtectionProvider protection)
{
    private const string Marker = "protected:";

    private IDataProtector Protector => protection.CreateProtector("Lifeline.Notifications.StoredLink");

    public string Protect(string link) => Marker + Protector.Protect(link);

    /// <returns>The link; one an earlier release stored in clear as it is; null when it can no longer be read (the key ring was replaced).</returns>
    public string? Reveal(string stored)
    {
        if (!stored.StartsWith(Marker, StringComparison.Ordinal))
        {
            return stored;
        }
        try
        {
            return Protector.Unprotect(stored[Marker.Length..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
