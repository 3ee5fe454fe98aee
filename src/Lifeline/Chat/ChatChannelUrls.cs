using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Lifeline.Chat;

/// <summary>
/// A chat channel's webhook URL, encrypted with the data-protection key ring as <see cref="Notifications.Links.StoredLinks"/>
/// keeps a survey link: whoever holds the URL can post into the channel, so a copy of the database must not give it away.
/// </summary>
public sealed class ChatChannelUrls(IDataProtectionProvider protection)
{
    private IDataProtector Protector => protection.CreateProtector("Lifeline.Chat.WebhookUrl");

    public string Protect(string url) => Protector.Protect(url);

    /// <returns>The URL, or null when it can no longer be read (the key ring was replaced): an admin enters it again.</returns>
    public string? Reveal(string stored)
    {
        try
        {
            return Protector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
